"""Kernel benchmark: start to first reply, the first cells, and the median of 50 trivial cells.

Order: kernel_info (start), a first cell `1 + 1` sent at once (it waits for the session if the
kernel is still starting it), the first DSL cell `ode(...)...apply(...)`, CELLS trivial cells, one
inspect.

Run by `./nodelab bench kernel` with JUPYTER_DATA_DIR pointing at a directory holding the kernelspec
that `./nodelab kernel install` writes. Prints a table and one JSON line.
"""
import json
import statistics
import sys
import time

from jupyter_client.manager import KernelManager

CELLS = int(sys.argv[1]) if len(sys.argv) > 1 else 50
DSL = "ode(mlp(2, 50, 2)).solve(rk45).until(1.0).apply(tensor(new double[][] {{1, 0}, {0, 1}}))"


def execute(kc, code, timeout=120):
    """Seconds from sending execute_request to its execute_reply; fails on an error reply."""
    start = time.perf_counter()
    msg_id = kc.execute(code)
    while True:
        msg = kc.get_shell_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") == msg_id:
            break
    seconds = time.perf_counter() - start
    if msg["content"]["status"] != "ok":
        raise SystemExit("cell failed: %s: %s" % (code, msg["content"]))
    return seconds


def main():
    km = KernelManager(kernel_name="nodelab")
    start = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        ready = time.perf_counter() - start
        first_trivial = execute(kc, "1 + 1")
        first_dsl = execute(kc, DSL)
        trivial = [execute(kc, "1 + 1") for _ in range(CELLS)]
        inspect_start = time.perf_counter()
        kc.inspect("ode", 3, detail_level=0, reply=True, timeout=60)
        inspect = time.perf_counter() - inspect_start
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    result = {
        "start_s": round(ready, 3),
        "first_cell_s": round(first_trivial, 3),
        "start_to_first_result_s": round(ready + first_trivial, 3),
        "first_dsl_cell_s": round(first_dsl, 3),
        "trivial_cell_median_s": round(statistics.median(trivial), 4),
        "trivial_cell_min_s": round(min(trivial), 4),
        "trivial_cell_max_s": round(max(trivial), 4),
        "trivial_cells": CELLS,
        "first_inspect_s": round(inspect, 3),
    }
    print("start to kernel_info reply      %6.3f s" % ready)
    print("first cell 1 + 1, sent at once  %6.3f s  (start to its result %.3f s)" % (first_trivial, ready + first_trivial))
    print("first DSL cell ode(...).apply   %6.3f s" % first_dsl)
    print("trivial cell median of %-3d      %6.4f s  (min %.4f, max %.4f)"
          % (CELLS, statistics.median(trivial), min(trivial), max(trivial)))
    print("first inspect of ode            %6.3f s" % inspect)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
