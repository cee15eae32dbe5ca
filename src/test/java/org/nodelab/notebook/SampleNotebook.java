package org.nodelab.notebook;

/** A small valid notebook with every kind of cell and output, as the seed of {@link ReaderFuzzTest}'s mutations. */
final class SampleNotebook {
  private SampleNotebook() {}

  static String text() {
    return """
        {"metadata": {"kernelspec": {"name": "nodelab", "display_name": "Java (nodelab)", "language": "java"},
                      "language_info": {"name": "java", "version": "17"}, "extra": {"k": [1, 2.5, null, true]}},
         "nbformat": 4, "nbformat_minor": 5,
         "cells": [
           {"cell_type": "markdown", "id": "m1", "metadata": {}, "source": ["# Title\\n", "Some *text*."]},
           {"cell_type": "code", "id": "c1", "execution_count": 1, "metadata": {"tags": ["a"]},
            "source": "int a = 41;\\na + 1",
            "outputs": [
              {"output_type": "stream", "name": "stdout", "text": ["line\\n", "more"]},
              {"output_type": "execute_result", "execution_count": 1, "metadata": {},
               "data": {"text/plain": "42", "text/html": "<b>42</b>", "image/png": "iVBORw0KGgo="}},
              {"output_type": "display_data", "metadata": {}, "data": {"application/json": {"x": 1}}},
              {"output_type": "error", "ename": "E", "evalue": "v", "traceback": ["E: v", "  at line 1"]}]},
           {"cell_type": "raw", "id": "r1", "metadata": {}, "source": "raw"},
           {"cell_type": "code", "id": "c2", "execution_count": null,
            "metadata": {"nodelab": {"rerun": false, "reason": "cell 1 failed first"},
                         "execution": {"iopub.execute_input": "2024-01-01T00:00:00.000000Z",
                                       "shell.execute_reply": "2024-01-01T00:00:01.500000Z"}},
            "source": [], "outputs": []}
         ]}
        """;
  }
}
