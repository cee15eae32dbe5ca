"""Writes images_reference.json: PyTorch float64 values and gradients of conv2d, pooling and
group_norm on small random inputs, for ImageOpsTorchReferenceTest. Run: python3 images_reference.py"""
import json
import os
import torch

torch.manual_seed(13)
torch.set_default_dtype(torch.float64)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def case(name, inputs, f):
    leaves = [t.clone().requires_grad_(True) for t in inputs]
    y = f(*leaves)
    seed = torch.randn_like(y)
    (y * seed).sum().backward()
    return {
        "name": name,
        "inputs": [{"shape": list(t.shape), "values": flat(t)} for t in inputs],
        "output": {"shape": list(y.shape), "values": flat(y)},
        "seed": flat(seed),
        "gradients": [flat(t.grad) for t in leaves],
    }


cases = []
for (n, c, h, w, o, k, s, p, bias) in [
    (2, 3, 7, 7, 4, 3, 1, 1, True),
    (2, 2, 8, 6, 3, 4, 2, 1, True),
    (1, 3, 9, 9, 2, 3, 2, 0, False),
    (3, 1, 5, 5, 5, 2, 1, 0, True),
    (2, 4, 6, 7, 3, 3, 3, 2, True),
    (2, 1, 28, 28, 2, 3, 1, 1, True),
]:
    x = torch.randn(n, c, h, w)
    wt = torch.randn(o, c, k, k)
    name = f"conv2d n{n} c{c} {h}x{w} o{o} k{k} s{s} p{p}" + ("" if bias else " no bias")
    if bias:
        cases.append(dict(case(name, [x, wt, torch.randn(o)],
                               lambda x, wt, b: torch.nn.functional.conv2d(x, wt, b, s, p)),
                          op="conv2d", stride=s, padding=p))
    else:
        cases.append(dict(case(name, [x, wt], lambda x, wt: torch.nn.functional.conv2d(x, wt, None, s, p)),
                          op="conv2d", stride=s, padding=p))
for (shape, k, s) in [((2, 3, 6, 6), 2, 2), ((1, 2, 7, 5), 3, 1), ((2, 1, 8, 8), 3, 2)]:
    x = torch.randn(*shape)
    cases.append(dict(case(f"avgPool2d {shape} k{k} s{s}", [x],
                           lambda x: torch.nn.functional.avg_pool2d(x, k, s)), op="avgPool2d", kernel=k, stride=s))
    cases.append(dict(case(f"maxPool2d {shape} k{k} s{s}", [x],
                           lambda x: torch.nn.functional.max_pool2d(x, k, s)), op="maxPool2d", kernel=k, stride=s))
for shape in [(2, 3, 4, 5), (1, 4, 7, 7)]:
    x = torch.randn(*shape)
    cases.append(dict(case(f"globalAvgPool {shape}", [x],
                           lambda x: torch.nn.functional.adaptive_avg_pool2d(x, 1).flatten(1)), op="globalAvgPool"))
for (shape, g) in [((2, 6, 4, 4), 3), ((3, 4, 5, 3), 4), ((2, 8, 7, 7), 2), ((2, 6, 3), 1)]:
    x = torch.randn(*shape) * 2 + 0.5
    c = shape[1]
    cases.append(dict(case(f"groupNorm {shape} g{g}", [x, torch.randn(c), torch.randn(c)],
                           lambda x, wt, b: torch.nn.functional.group_norm(x, g, wt, b, 1e-5)),
                      op="groupNorm", groups=g))

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "images_reference.json")
with open(out + ".tmp", "w") as fh:
    json.dump({"torch": torch.__version__, "dtype": "float64", "cases": cases}, fh)
os.replace(out + ".tmp", out)
