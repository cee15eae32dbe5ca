package org.nodelab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.junit.jupiter.api.Test;

class ErrorNamesTest {
  @Test
  void jupytersErrorNameIsTheSimpleNameOfTheUsersException() {
    NodelabKernel.CellFailure f = ErrorNames.failure("NoSuchFileException", "java.nio.file.NoSuchFileException: a.csv");
    ErrorReply reply = ErrorReply.of(f);
    assertEquals("NoSuchFileException", reply.getErrorName());
    assertEquals("java.nio.file.NoSuchFileException: a.csv", reply.getErrorMessage());
    assertSame(f.getClass(), ErrorNames.failure("NoSuchFileException", "again").getClass(), "one class per name");
  }

  @Test
  void aNameThatCannotBeAClassFallsBackToThePlainFailure() {
    assertEquals("CellFailure", ErrorNames.failure("not a name", "m").getClass().getSimpleName());
    assertEquals("CellFailure", ErrorNames.failure("KernelMain", "m").getClass().getSimpleName());
  }
}
