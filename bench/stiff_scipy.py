"""Stiff work-precision of scipy's Radau, BDF and LSODA, and the reference end states of the stiff problems.

Robertson (to t = 1e5), Van der Pol with mu = 1000 (to t = 3000) and HIRES (to t = 321.8122), each with its
analytic Jacobian, at rtol 1e-4, 1e-6, 1e-8 (atol as in nodelab's `bench solvers --stiff`: 1e-6 rtol, rtol and
1e-4 rtol). Prints one line per problem, method and tolerance: evaluations of f, Jacobians, LU factorisations,
the largest relative error of a component at the end, and the median wall time of repeated solves on one thread.

    OMP_NUM_THREADS=1 python3 bench/stiff_scipy.py              # the table
    OMP_NUM_THREADS=1 python3 bench/stiff_scipy.py --reference  # reference end states as JSON (Radau, rtol 1e-13)
    OMP_NUM_THREADS=1 python3 bench/stiff_scipy.py --scan       # Radau's work-precision over rtol 1e-4 ... 1e-9
                                                                # (JSON, kept in src/test/resources/reference)
"""
import json
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp


def robertson(t, y):
    return [-0.04 * y[0] + 1e4 * y[1] * y[2],
            0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] ** 2,
            3e7 * y[1] ** 2]


def robertson_jac(t, y):
    return [[-0.04, 1e4 * y[2], 1e4 * y[1]],
            [0.04, -1e4 * y[2] - 6e7 * y[1], -1e4 * y[1]],
            [0, 6e7 * y[1], 0]]


MU = 1000.0


def vdp(t, y):
    return [y[1], MU * (1 - y[0] ** 2) * y[1] - y[0]]


def vdp_jac(t, y):
    return [[0, 1], [-2 * MU * y[0] * y[1] - 1, MU * (1 - y[0] ** 2)]]


def hires(t, y):
    return [-1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007,
            1.71 * y[0] - 8.75 * y[1],
            -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4],
            8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3],
            -1.745 * y[4] + 0.43 * y[5] + 0.43 * y[6],
            -280 * y[5] * y[7] + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6],
            280 * y[5] * y[7] - 1.81 * y[6],
            -280 * y[5] * y[7] + 1.81 * y[6]]


def hires_jac(t, y):
    j = np.zeros((8, 8))
    j[0, 0], j[0, 1], j[0, 2] = -1.71, 0.43, 8.32
    j[1, 0], j[1, 1] = 1.71, -8.75
    j[2, 2], j[2, 3], j[2, 4] = -10.03, 0.43, 0.035
    j[3, 1], j[3, 2], j[3, 3] = 8.32, 1.71, -1.12
    j[4, 4], j[4, 5], j[4, 6] = -1.745, 0.43, 0.43
    j[5, 3], j[5, 4], j[5, 5], j[5, 6], j[5, 7] = 0.69, 1.71, -280 * y[7] - 0.43, 0.69, -280 * y[5]
    j[6, 5], j[6, 6], j[6, 7] = 280 * y[7], -1.81, 280 * y[5]
    j[7, 5], j[7, 6], j[7, 7] = -280 * y[7], 1.81, -280 * y[5]
    return j


PROBLEMS = {
    "robertson": (robertson, robertson_jac, [1.0, 0.0, 0.0], 1e5, 1e-6),
    "van_der_pol_1000": (vdp, vdp_jac, [2.0, 0.0], 3000.0, 1.0),
    "hires": (hires, hires_jac, [1, 0, 0, 0, 0, 0, 0, 0.0057], 321.8122, 1e-4),
}


def solve(name, method, rtol, atol_factor=None):
    f, jac, y0, t_end, factor = PROBLEMS[name]
    atol = rtol * (factor if atol_factor is None else atol_factor)
    return solve_ivp(f, (0, t_end), y0, method=method, rtol=rtol, atol=atol, jac=jac)


def reference():
    out = {}
    for name in PROBLEMS:
        sol = solve(name, "Radau", 1e-13, 1e-6)
        out[name] = list(sol.y[:, -1])
    print(json.dumps(out, indent=1))


def table(repeats=7):
    with open("src/test/resources/reference/stiff_end_states.json") as fh:
        refs = json.load(fh)
    print("%-17s %-6s %6s %10s %7s %6s %6s %9s" % ("problem", "method", "rtol", "rel.error", "evals", "jacs", "LUs",
                                                  "ms"))
    for name in PROBLEMS:
        ref = np.array(refs[name]["y"])
        for rtol in (1e-4, 1e-6, 1e-8):
            for method in ("Radau", "BDF", "LSODA"):
                sol = solve(name, method, rtol)
                err = np.max(np.abs(sol.y[:, -1] - ref) / np.abs(ref))
                times = []
                for _ in range(repeats):
                    t0 = time.perf_counter()
                    solve(name, method, rtol)
                    times.append(time.perf_counter() - t0)
                print("%-17s %-6s %6.0e %10.2e %7d %6d %6d %9.2f" % (name, method, rtol, err, sol.nfev, sol.njev,
                                                                    sol.nlu, 1e3 * float(np.median(times))))


def scan():
    """Radau's evaluations and end error at rtol = 10^(-4 - k/4), k = 0..20, per problem."""
    with open("src/test/resources/reference/stiff_end_states.json") as fh:
        refs = json.load(fh)
    out = {"scipy": __import__("scipy").__version__, "method": "Radau", "rtol_exponents": "-4 - k/4, k = 0..20"}
    for name in PROBLEMS:
        ref = np.array(refs[name]["y"])
        rows = []
        for k in range(21):
            rtol = 10 ** (-4 - k / 4)
            sol = solve(name, "Radau", rtol)
            rows.append([rtol, int(sol.nfev), float(np.max(np.abs(sol.y[:, -1] - ref) / np.abs(ref)))])
        out[name] = rows
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    if "--reference" in sys.argv:
        reference()
    elif "--scan" in sys.argv:
        scan()
    else:
        table()
