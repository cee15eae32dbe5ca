"""Learning rates of PyTorch 1.13's schedulers, the reference of ScheduleTest.

Run: python3 src/test/resources/train/lr_schedules_reference.py > src/test/resources/train/lr_schedules_reference.json
Each list holds the rate used by optimiser steps 1, 2, ... (the rate after n calls of scheduler.step()).
"""
import json

import torch


def rates(make, steps, metrics=None, base=0.1):
    p = torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))
    opt = torch.optim.SGD([p], lr=base)
    sched = make(opt)
    out = []
    for n in range(steps):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[n])
    return out


def warm_cosine(opt):
    warm = torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.25, end_factor=1.0, total_iters=4)
    cos = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=10, eta_min=0.001)
    return torch.optim.lr_scheduler.SequentialLR(opt, [warm, cos], milestones=[4])


plateau_metrics = [1.0, 0.9, 0.9, 0.9, 0.9, 0.8999, 0.85, 0.85, 0.85, 0.85, 0.85, 0.85, 0.85, 0.7, 0.7, 0.7, 0.7, 0.7]
reference = {
    "torch": torch.__version__,
    "base": 0.1,
    "step_3_0.5": rates(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5), 10),
    "exponential_0.9": rates(lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9), 10),
    "cosine_8_0.01": rates(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=8, eta_min=0.01), 12),
    "warmup_4_0.25_cosine_10_0.001": rates(warm_cosine, 16),
    "plateau_metrics": plateau_metrics,
    "plateau_0.5_2_cooldown_1_min_0.02": rates(
        lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(o, factor=0.5, patience=2, cooldown=1, min_lr=0.02),
        len(plateau_metrics), plateau_metrics),
}
print(json.dumps(reference, indent=1))
