"""Times torchdiffeq's own examples/cnf.py, unmodified, one iteration at a time, for a same-run comparison
with `./nodelab bench cnf`. Usage:

    OMP_NUM_THREADS=1 python3 bench/torchdiffeq_cnf.py --cnf <torchdiffeq checkout>/examples/cnf.py --niters 50 [--adjoint]

The torchdiffeq checkout's root must be importable (PYTHONPATH). cnf.py imports scikit-learn only for
make_circles; when scikit-learn is missing, a stand-in with scikit-learn's algorithm (two circles of
n//2 and n - n//2 evenly spaced points, radii 1 and factor, Gaussian noise, shuffled) is provided.
Each "Iter:" line cnf.py prints marks the end of an iteration; the script prints one JSON line with the
median wall and CPU milliseconds per iteration (after 2 warm-up iterations), the evaluations of the
field per iteration (forward: with gradients recorded before backward; backward: during it) and cnf.py's
running-average loss after the last iteration.
"""
import argparse
import builtins
import json
import re
import runpy
import sys
import time
import types

import numpy as np


def make_circles(n_samples=100, shuffle=True, noise=None, random_state=None, factor=0.8):
    rng = np.random.default_rng(random_state)
    n_out = n_samples // 2
    n_in = n_samples - n_out
    a_out = np.linspace(0, 2 * np.pi, n_out, endpoint=False)
    a_in = np.linspace(0, 2 * np.pi, n_in, endpoint=False)
    x = np.vstack([np.append(np.cos(a_out), factor * np.cos(a_in)), np.append(np.sin(a_out), factor * np.sin(a_in))]).T
    y = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    if shuffle:
        order = rng.permutation(n_samples)
        x, y = x[order], y[order]
    if noise is not None:
        x = x + rng.normal(scale=noise, size=x.shape)
    return x, y


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cnf", required=True, help="path of torchdiffeq's examples/cnf.py")
    p.add_argument("--niters", type=int, default=50)
    p.add_argument("--adjoint", action="store_true")
    a = p.parse_args()
    try:
        import sklearn.datasets  # noqa: F401
    except ImportError:
        datasets = types.ModuleType("sklearn.datasets")
        datasets.make_circles = make_circles
        package = types.ModuleType("sklearn")
        package.datasets = datasets
        sys.modules["sklearn"] = package
        sys.modules["sklearn.datasets"] = datasets

    import torch
    torch.set_num_threads(1)
    counts = {"forward": 0, "backward": 0}
    marks = []
    losses = []
    real_print = builtins.print

    def counting_print(*args, **kwargs):
        text = " ".join(str(x) for x in args)
        m = re.match(r"Iter: (\d+), running avg loss: ([-0-9.]+)", text)
        if m:
            marks.append((time.perf_counter(), time.process_time(), counts["forward"], counts["backward"]))
            losses.append(float(m.group(2)))
        real_print(*args, **kwargs)

    builtins.print = counting_print
    sys.argv = [a.cnf, "--niters", str(a.niters)] + (["--adjoint"] if a.adjoint else [])
    start = (time.perf_counter(), time.process_time(), 0, 0)
    original_grad = torch.autograd.grad

    # Count field evaluations: each evaluation of cnf.py's CNF.forward calls torch.autograd.grad twice.
    def counting_grad(*args, **kwargs):
        if torch.is_grad_enabled() and not _in_backward[0]:
            counts["forward"] += 0.5
        else:
            counts["backward"] += 0.5
        return original_grad(*args, **kwargs)

    _in_backward = [False]
    original_backward = torch.Tensor.backward

    def marked_backward(self, *args, **kwargs):
        _in_backward[0] = True
        try:
            return original_backward(self, *args, **kwargs)
        finally:
            _in_backward[0] = False

    torch.autograd.grad = counting_grad
    torch.Tensor.backward = marked_backward
    wall0 = time.perf_counter()
    runpy.run_path(a.cnf, run_name="__main__")
    wall = time.perf_counter() - wall0
    builtins.print = real_print
    points = [start] + marks
    per_wall = [1e3 * (points[i][0] - points[i - 1][0]) for i in range(1, len(points))]
    per_cpu = [1e3 * (points[i][1] - points[i - 1][1]) for i in range(1, len(points))]
    nfe_f = [points[i][2] - points[i - 1][2] for i in range(1, len(points))]
    nfe_b = [points[i][3] - points[i - 1][3] for i in range(1, len(points))]
    warm = min(2, len(per_wall) - 1)
    print(json.dumps({
        "benchmark": "torchdiffeq cnf.py", "adjoint": a.adjoint, "iterations": len(per_wall),
        "ms_per_iteration_median": round(float(np.median(per_wall[warm:])), 2),
        "cpu_ms_per_iteration_median": round(float(np.median(per_cpu[warm:])), 2),
        "nfe_forward_mean": round(float(np.mean(nfe_f)), 1), "nfe_backward_mean": round(float(np.mean(nfe_b)), 1),
        "loss_final": losses[-1] if losses else None, "seconds_total": round(wall, 1),
        "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
