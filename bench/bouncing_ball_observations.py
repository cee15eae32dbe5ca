"""Writes the observations of torchdiffeq's examples/learn_physics.py (BouncingBallExample().simulate(nbounces=4),
its first 300 points: time, height) as CSV to stdout, for the test that checks nodelab's own generator of them.
Run with PYTHONPATH holding torchdiffeq's checkout and its examples directory.
"""
import torch

from bouncing_ball import BouncingBallExample

torch.set_default_dtype(torch.float64)
with torch.no_grad():
    times, heights, _, events = BouncingBallExample().simulate(nbounces=4)
print("time,height")
for t, h in zip(times[:300].tolist(), heights[:300].tolist()):
    print(f"{t!r},{h!r}")
