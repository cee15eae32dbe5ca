"""Times the neural-ODE paper's MNIST ODE-Net (the architecture of torchdiffeq's odenet_mnist.py) on
nodelab's shipped 8,000 training digits, one thread, to compare with `./nodelab bench mnist`.

Conv 1->C 3x3, GroupNorm, ReLU, conv C->C 4x4 stride 2, GroupNorm, ReLU, conv C->C 4x4 stride 2;
an ODE block (GroupNorm-ReLU-ConcatConv-GroupNorm-ReLU-ConcatConv-GroupNorm, dopri5 at
rtol = atol = tol, t from 0 to 1); GroupNorm, ReLU, global average pooling, Linear C->10;
cross-entropy, SGD lr 0.1 momentum 0.9, batches of 128. Prints one JSON line: the median wall and
CPU seconds per iteration after the warm-up, the mean forward and backward evaluations.

Run: PYTHONPATH=<torchdiffeq checkout> python3 bench/torchdiffeq_odenet_mnist.py [--iterations 40]
[--warmup 5] [--channels 64] [--float64]
"""
import argparse
import gzip
import json
import pathlib
import statistics
import time

import numpy as np
import torch
import torch.nn as nn
from torchdiffeq import odeint

ROOT = pathlib.Path(__file__).resolve().parent.parent


def idx(name):
    with gzip.open(ROOT / "datasets" / name, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def norm(dim):
    return nn.GroupNorm(min(32, dim), dim)


class TimeConv(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.conv = nn.Conv2d(dim + 1, dim, 3, 1, 1)

    def forward(self, t, x):
        return self.conv(torch.cat([torch.ones_like(x[:, :1]) * t, x], 1))


class Field(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.norm1, self.conv1, self.norm2 = norm(dim), TimeConv(dim), norm(dim)
        self.conv2, self.norm3 = TimeConv(dim), norm(dim)
        self.nfe = 0

    def forward(self, t, x):
        self.nfe += 1
        out = self.conv1(t, torch.relu(self.norm1(x)))
        out = self.conv2(t, torch.relu(self.norm2(out)))
        return self.norm3(out)


class Block(nn.Module):
    def __init__(self, field, tol):
        super().__init__()
        self.field, self.tol = field, tol

    def forward(self, x):
        times = torch.tensor([0.0, 1.0], dtype=x.dtype)
        return odeint(self.field, x, times, rtol=self.tol, atol=self.tol, method="dopri5")[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--channels", type=int, default=64)
    parser.add_argument("--tol", type=float, default=1e-3)
    parser.add_argument("--float64", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    dtype = torch.float64 if args.float64 else torch.float32
    images = torch.tensor(idx("mnist-10k-images-idx3-ubyte.gz")[:8000], dtype=dtype).unsqueeze(1) / 255
    labels = torch.tensor(idx("mnist-10k-labels-idx1-ubyte.gz")[:8000], dtype=torch.long)
    c = args.channels
    field = Field(c)
    model = nn.Sequential(
        nn.Conv2d(1, c, 3, 1), norm(c), nn.ReLU(), nn.Conv2d(c, c, 4, 2, 1), norm(c), nn.ReLU(),
        nn.Conv2d(c, c, 4, 2, 1), Block(field, args.tol), norm(c), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        nn.Flatten(), nn.Linear(c, 10)).to(dtype)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    wall, cpu, forward, backward = [], [], [], []
    order = torch.randperm(8000)
    for it in range(args.iterations):
        rows = order[(it * 128) % 7936:(it * 128) % 7936 + 128]
        start, start_cpu = time.perf_counter(), time.process_time()
        optimizer.zero_grad()
        field.nfe = 0
        loss = loss_fn(model(images[rows]), labels[rows])
        forward.append(field.nfe)
        field.nfe = 0
        loss.backward()
        optimizer.step()
        backward.append(field.nfe)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    print(json.dumps({
        "s_per_iteration_median": statistics.median(wall[args.warmup:]),
        "cpu_s_per_iteration_median": statistics.median(cpu[args.warmup:]),
        "nfe_forward_mean": statistics.mean(forward), "nfe_backward_mean": statistics.mean(backward),
        "parameters": sum(p.numel() for p in model.parameters()), "dtype": str(dtype),
        "iterations": args.iterations}))


if __name__ == "__main__":
    main()
