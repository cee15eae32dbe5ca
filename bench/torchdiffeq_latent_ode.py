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
    a = p.parse_args()
    sys.argv = [sys.argv[0], "--adjoint", str(a.adjoint)]
    import torch
    torch.set_num_threads(a.threads)
    import latent_ode as ex  # parses the sys.argv set above

    latent_dim, nhidden, rnn_nhidden, obs_dim, nspiral, noise_std = 4, 20, 25, 2, 1000, .3
    _, samp_trajs, _, samp_ts = ex.generate_spiral2d(
        nspiral=nspiral, start=0., stop=6 * np.pi, noise_std=noise_std, a=0., b=.3, savefig=False)
    samp_trajs = torch.from_numpy(samp_trajs).float()
    samp_ts = torch.from_numpy(samp_ts).float()
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
        pred_x = dec(ex.odeint(func, z0, samp_ts).permute(1, 0, 2))
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
    print(json.dumps({
        "benchmark": "torchdiffeq latent_ode", "adjoint": a.adjoint, "iterations": a.niters,
        "ms_per_iteration_median": round(float(np.median(times)), 1),
        "cpu_ms_per_iteration_median": round(float(np.median(cpu)), 1),
        "elbo_running_average": round(-meter.avg, 2),
        "nfe_forward_mean": round(float(np.mean(forward_calls)), 1),
        "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
