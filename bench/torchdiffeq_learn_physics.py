"""Times torchdiffeq's examples/learn_physics.py (with events, its defaults: Adam at base_lr 0.1 with a
cosine decay over num_iterations, dopri5 at rtol = atol = 1e-8, observations: the first 300 points of the
bouncing ball simulated for 4 bounces) one iteration at a time (--no_events: its NeuralODE baseline), for a same-run comparison with
`./nodelab bench physics`. Imports the example's own classes (PYTHONPATH must hold torchdiffeq's
checkout and its examples directory); draws no figures.

Prints the initial parameter values (seed 0), then one JSON line: median milliseconds per iteration
(after 3 warm-up iterations), the final loss and the learned constants (gravity, restitution, event
threshold radius^2) next to the truth (9.8, 0.8, 0.2).
"""
import argparse
import json
import math
import time

import torch

import learn_physics as lp
from bouncing_ball import BouncingBallExample


def constants(model):
    with torch.no_grad():
        dyn = model.dynamics_fn
        gravity = -(torch.tanh(dyn.dvel.bias + 0 * dyn.dvel.weight.sum()) * dyn.scale).item()
        jump = model.inst_update.net
        restitution = torch.sigmoid(jump.weight.sum() + jump.bias.sum()).item()
        threshold = (model.event_fn.radius ** 2).item()
    return gravity, restitution, threshold


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--num_iterations", type=int, default=1000)
    p.add_argument("--base_lr", type=float, default=0.1)
    p.add_argument("--print-init", action="store_true")
    p.add_argument("--no_events", action="store_true", help="the example's NeuralODE baseline instead")
    a = p.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    torch.set_default_dtype(torch.float64)
    with torch.no_grad():
        system = BouncingBallExample()
        obs_times, gt, _, _ = system.simulate(nbounces=4)
    obs_times, gt = obs_times[:300], gt[:300]
    model = lp.NeuralODE() if a.no_events else lp.NeuralPhysics()
    if a.print_init and a.no_events:
        print(json.dumps({name: p.detach().reshape(-1).tolist() for name, p in model.named_parameters()}))
        return
    if a.print_init:
        d, j = model.dynamics_fn.dvel, model.inst_update.net
        print(json.dumps({"dvel_w": d.weight.item(), "dvel_b": d.bias.item(), "jump_w": j.weight.item(),
                          "jump_b": j.bias.item(), "radius": model.event_fn.radius.item()}))
        return
    opt = torch.optim.Adam(model.parameters(), lr=a.base_lr)
    times, loss = [], None
    for itr in range(a.num_iterations):
        start = time.perf_counter()
        opt.zero_grad()
        trajectory, events = model.simulate(obs_times)
        loss = ((trajectory - gt) / (gt + 1e-3)).abs().mean()
        loss.backward()
        lp.set_learning_rate(opt, lp.learning_rate_schedule(itr, 0, a.base_lr, 1.0, a.num_iterations))
        opt.step()
        times.append(time.perf_counter() - start)
        if itr % 10 == 0:
            print(itr, loss.item(), len(events), flush=True)
    steady = sorted(times[3:] if len(times) > 3 else times)
    g, e, r = (None, None, None) if a.no_events else constants(model)
    print(json.dumps({"bench": "learn_physics", "impl": "torchdiffeq", "iterations": a.num_iterations,
                      "events": not a.no_events,
                      "median_ms_per_iteration": 1000 * steady[len(steady) // 2],
                      "mean_ms_per_iteration": 1000 * sum(times) / len(times),
                      "total_s": sum(times), "final_loss": loss.item(), "gravity": g, "restitution": e,
                      "threshold": r, "truth": {"gravity": 9.8, "restitution": 0.8, "threshold": 0.2}}))


if __name__ == "__main__":
    main()
