"""Times torchdiffeq on the ode_demo setting, one iteration at a time, for a same-run comparison with
`./nodelab bench spiral`. Needs PyTorch and torchdiffeq importable (e.g. PYTHONPATH=<torchdiffeq checkout>).

Setting (as torchdiffeq's examples/ode_demo.py): spiral dy/dt = (y^3) A with A = [[-0.1, 2], [-2, -0.1]],
1000 points on [0, 25]; field Linear(2, 50)-tanh-Linear(50, 2) applied to y^3, weights N(0, 0.1^2), zero
biases; dopri5 at rtol 1e-7 / atol 1e-9; RMSprop lr 1e-3; L1 loss on 20 windows of 10 observations.
Prints one JSON line: median milliseconds per iteration after 20 warm-up iterations, mean forward and
backward evaluations.
"""
import argparse
import json
import time

import numpy as np
import torch
from torch import nn

import torchdiffeq


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--niters", type=int, default=300)
    p.add_argument("--adjoint", action="store_true")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    solve = torchdiffeq.odeint_adjoint if a.adjoint else torchdiffeq.odeint

    size, window, batch = 1000, 10, 20
    y0 = torch.tensor([[2.0, 0.0]])
    times = torch.linspace(0.0, 25.0, size)
    spiral = torch.tensor([[-0.1, 2.0], [-2.0, -0.1]])
    with torch.no_grad():
        truth = torchdiffeq.odeint(lambda t, y: torch.mm(y ** 3, spiral), y0, times, method="dopri5")

    class Field(nn.Module):
        def __init__(self):
            super().__init__()
            self.net = nn.Sequential(nn.Linear(2, 50), nn.Tanh(), nn.Linear(50, 2))
            for layer in self.net:
                if isinstance(layer, nn.Linear):
                    nn.init.normal_(layer.weight, 0.0, 0.1)
                    nn.init.zeros_(layer.bias)
            self.calls = 0

        def forward(self, t, y):
            self.calls += 1
            return self.net(y ** 3)

    field = Field()
    opt = torch.optim.RMSprop(field.parameters(), lr=1e-3)
    per_iteration, forward_calls, backward_calls = [], [], []
    for it in range(a.niters):
        start = time.perf_counter()
        opt.zero_grad()
        starts = torch.from_numpy(rng.choice(size - window, batch, replace=False))
        batch_y0 = truth[starts]
        batch_y = torch.stack([truth[starts + i] for i in range(window)], dim=0)
        field.calls = 0
        pred = solve(field, batch_y0, times[:window], rtol=1e-7, atol=1e-9, method="dopri5")
        forward = field.calls
        loss = torch.mean(torch.abs(pred - batch_y))
        loss.backward()
        opt.step()
        per_iteration.append((time.perf_counter() - start) * 1e3)
        forward_calls.append(forward)
        backward_calls.append(field.calls - forward)
    measured = sorted(per_iteration[20:])
    print(json.dumps({
        "benchmark": "torchdiffeq ode_demo", "adjoint": a.adjoint, "iterations": a.niters,
        "ms_per_iteration_median": round(measured[len(measured) // 2], 3),
        "nfe_forward_mean": round(float(np.mean(forward_calls)), 1),
        "nfe_backward_mean": round(float(np.mean(backward_calls)), 1),
        "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
