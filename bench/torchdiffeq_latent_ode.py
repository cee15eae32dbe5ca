"""Times torchdiffeq's examples/latent_ode.py training loop for a same-sitting comparison with
`./nodelab bench latent`. Imports the example's own generator, modules and densities (PYTHONPATH must
hold torchdiffeq and its examples/ directory) and runs its loop: 1,000 spirals as one batch, Adam 0.01,
dopri5 at torchdiffeq's default tolerances, one thread. Prints one JSON line: median milliseconds per
iteration (all iterations; and the median processor time of the thread, steadier on a busy machine), the running-average ELBO (momentum 0.99) at the end, mean forward evaluations.
"""
import argparse
import json
import sys
import time

import numpy as np


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--niters", type=int, default=100)
    p.add_argument("--adjoint", action="store_true")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--nspiral", type=int, default=1000)
    p.add_argument("--ntotal", type=int, default=1000)
    p.add_argument("--nsample", type=int, default=100)
    p.add_argument("--rtol", type=float, default=1e-7)
    p.add_argument("--atol", type=float, default=1e-9)
    p.add_argument("--seed", type=int, default=None, help="numpy and torch seeds (default: unseeded, as the example)")
    a = p.parse_args()
    sys.argv = [sys.argv[0], "--adjoint", str(a.adjoint)]
    import torch
    torch.set_num_threads(a.threads)
    import latent_ode as ex  # parses the sys.argv set above
    if a.seed is not None:
        np.random.seed(a.seed)
        torch.manual_seed(a.seed)

    latent_dim, nhidden, rnn_nhidden, obs_dim, nspiral, noise_std = 4, 20, 25, 2, a.nspiral, .3
    orig_trajs, samp_trajs, orig_ts, samp_ts = generate(ex, a.nspiral, a.ntotal, a.nsample, noise_std)
    func = ex.LatentODEfunc(latent_dim, nhidden)
    rec = ex.RecognitionRNN(latent_dim, obs_dim, rnn_nhidden, nspiral)
    dec = ex.Decoder(latent_dim, obs_dim, nhidden)
    optimizer = torch.optim.Adam(list(func.parameters()) + list(dec.parameters()) + list(rec.parameters()), lr=0.01)
    meter = ex.RunningAverageMeter()
    times, cpu, forward_calls = [], [], []
    for _ in range(a.niters):
        start = time.perf_counter()
        start_cpu = time.thread_time()
        optimizer.zero_grad()
        h = rec.initHidden()
        for t in reversed(range(samp_trajs.size(1))):
            out, h = rec.forward(samp_trajs[:, t, :], h)
        qz0_mean, qz0_logvar = out[:, :latent_dim], out[:, latent_dim:]
        z0 = torch.randn(qz0_mean.size()) * torch.exp(.5 * qz0_logvar) + qz0_mean
        func.nfe = 0
        pred_x = dec(ex.odeint(func, z0, samp_ts, rtol=a.rtol, atol=a.atol).permute(1, 0, 2))
        forward_calls.append(func.nfe)
        noise_logvar = 2. * torch.log(torch.zeros(pred_x.size()) + noise_std)
        logpx = ex.log_normal_pdf(samp_trajs, pred_x, noise_logvar).sum(-1).sum(-1)
        zeros = torch.zeros(z0.size())
        kl = ex.normal_kl(qz0_mean, qz0_logvar, zeros, zeros).sum(-1)
        loss = torch.mean(-logpx + kl, dim=0)
        loss.backward()
        optimizer.step()
        meter.update(loss.item())
        times.append((time.perf_counter() - start) * 1e3)
        cpu.append((time.thread_time() - start_cpu) * 1e3)
    rmse = extrapolation_rmse(ex, rec, func, dec, orig_trajs, samp_trajs, orig_ts, a, latent_dim)
    print(json.dumps({
        "benchmark": "torchdiffeq latent_ode", "adjoint": a.adjoint, "iterations": a.niters,
        "nspiral": a.nspiral, "ntotal": a.ntotal, "nsample": a.nsample, "rtol": a.rtol, "atol": a.atol,
        "extrapolation_rmse": round(rmse, 4),
        "ms_per_iteration_median": round(float(np.median(times)), 1),
        "cpu_ms_per_iteration_median": round(float(np.median(cpu)), 1),
        "elbo_running_average": round(-meter.avg, 2),
        "nfe_forward_mean": round(float(np.mean(forward_calls)), 1),
        "torch": torch.__version__, "threads": torch.get_num_threads()}))


def generate(ex, nspiral, ntotal, nsample, noise_std):
    """The example's generator; observations and their times as float tensors."""
    orig_trajs, samp_trajs, orig_ts, samp_ts = ex.generate_spiral2d(
        nspiral=nspiral, ntotal=ntotal, nsample=nsample, start=0., stop=6 * np.pi, noise_std=noise_std, a=0., b=.3,
        savefig=False)
    import torch
    return orig_trajs, torch.from_numpy(samp_trajs).float(), orig_ts, torch.from_numpy(samp_ts).float()


def extrapolation_rmse(ex, rec, func, dec, orig_trajs, samp_trajs, orig_ts, a, latent_dim, count=50, ahead=100):
    """RMSE of the posterior-mean path at the `ahead` points after each window against the noise-free
    spiral, over the first `count` spirals whose path goes on that far (as LatentOdeDemo.extrapolationRmse)."""
    import torch
    n = a.nsample
    errors, used = 0.0, 0
    with torch.no_grad():
        h = rec.initHidden()
        for t in reversed(range(samp_trajs.size(1))):
            out, h = rec.forward(samp_trajs[:, t, :], h)
        mean = out[:, :latent_dim]
        future = torch.from_numpy(orig_ts[:n + ahead]).float()
        pred = dec(ex.odeint(func, mean, future, rtol=a.rtol, atol=a.atol)).permute(1, 0, 2).numpy()
    for s in range(samp_trajs.size(0)):
        truth = orig_trajs[s]
        # the window's start: where the noise-free path is closest to the first observations
        dist = [np.sum((truth[i:i + n] - samp_trajs[s].numpy()) ** 2) for i in range(len(truth) - n + 1)]
        start = int(np.argmin(dist))
        if start + n + ahead > len(truth):
            continue
        errors += float(np.sum((pred[s, n:n + ahead] - truth[start + n:start + n + ahead]) ** 2))
        used += 1
        if used == count:
            break
    return float(np.sqrt(errors / (used * ahead * 2)))


if __name__ == "__main__":
    main()
