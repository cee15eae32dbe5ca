"""Writes recurrent_reference.json: PyTorch float64 outputs and gradients of nn.RNNCell and nn.GRUCell
(PyTorch's own weights, transposed to nodelab's [in, out] layout in the test), and of the Gaussian
log-density and the KL divergence of diagonal Gaussians (torch.distributions), for
RecurrentTorchReferenceTest. Run: python3 recurrent_reference.py"""
import json
import os
import torch
from torch.distributions import Normal, kl_divergence

torch.manual_seed(14)
torch.set_default_dtype(torch.float64)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def cell_case(name, cell, x, h):
    x = x.clone().requires_grad_(True)
    h = h.clone().requires_grad_(True)
    y = cell(x, h)
    seed = torch.randn_like(y)
    (y * seed).sum().backward()
    return {
        "name": name, "in": cell.input_size, "hidden": cell.hidden_size, "batch": x.shape[0],
        "weight_ih": flat(cell.weight_ih), "weight_hh": flat(cell.weight_hh),
        "bias_ih": flat(cell.bias_ih), "bias_hh": flat(cell.bias_hh),
        "x": flat(x), "h": flat(h), "output": flat(y), "seed": flat(seed),
        "grad_x": flat(x.grad), "grad_h": flat(h.grad),
        "grad_weight_ih": flat(cell.weight_ih.grad), "grad_weight_hh": flat(cell.weight_hh.grad),
        "grad_bias_ih": flat(cell.bias_ih.grad), "grad_bias_hh": flat(cell.bias_hh.grad),
    }


cases = [
    cell_case("rnn", torch.nn.RNNCell(3, 5), torch.randn(4, 3), torch.randn(4, 5)),
    cell_case("gru", torch.nn.GRUCell(3, 5), torch.randn(4, 3), torch.randn(4, 5)),
]
m1, lv1, m2, lv2, x = (torch.randn(6) for _ in range(5))
kl = kl_divergence(Normal(m1, torch.exp(0.5 * lv1)), Normal(m2, torch.exp(0.5 * lv2)))
logp = Normal(m1, torch.exp(0.5 * lv1)).log_prob(x)
gaussians = {"mean1": flat(m1), "logvar1": flat(lv1), "mean2": flat(m2), "logvar2": flat(lv2), "x": flat(x),
             "kl": flat(kl), "log_prob": flat(logp)}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "recurrent_reference.json"), "w") as f:
    json.dump({"torch": torch.__version__, "cells": cases, "gaussians": gaussians}, f, indent=1)
