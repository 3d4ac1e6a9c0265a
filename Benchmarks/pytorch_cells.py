#!/usr/bin/env python3
"""Microseconds per training step of PyTorch's nn.RNN, nn.LSTM and nn.GRU in golden.py's loop.

The loop is the reference's (../shared/reference/golden.py) on sin->cos: a window of `time_step`
points, the stacked cell and a linear head on every step, MSE, backward through the window,
clip_grad_norm_, Adam, ReduceLROnPlateau, the state carried detached. One thread, float32, as
rnnreport trains. Prints one JSON line per cell: the median, minimum and mean of `--repeats` timings
of `--steps` steps each, after `--warmup` steps.

    /tmp/ref/bin/python Benchmarks/pytorch_cells.py [--hidden-size 32] [--num-layers 3] [--time-step 30]

Compare with `swift package --package-path Benchmarks benchmark --target TrainingBenchmarks`
("step, LSTM, hidden 32, …") on the same machine.
"""
import argparse
import json
import statistics
import time

import numpy as np
import torch
from torch import nn

p = argparse.ArgumentParser()
p.add_argument('--cells', default='rnn,lstm,gru')
p.add_argument('--hidden-size', type=int, default=32)
p.add_argument('--num-layers', type=int, default=3)
p.add_argument('--time-step', type=int, default=30)
p.add_argument('--steps', type=int, default=200)
p.add_argument('--warmup', type=int, default=50)
p.add_argument('--repeats', type=int, default=5)
a = p.parse_args()
torch.set_num_threads(1)


class Net(nn.Module):
    def __init__(self, cls):
        super().__init__()
        self.rnn = cls(input_size=1, hidden_size=a.hidden_size, num_layers=a.num_layers, batch_first=True)
        self.out = nn.Linear(a.hidden_size, 1)

    def forward(self, x, h):
        r, hn = self.rnn(x, h)
        return torch.stack([self.out(r[:, t, :]) for t in range(r.size(1))], dim=1), hn


def detach(h):
    return tuple(t.detach() for t in h) if isinstance(h, tuple) else h.detach()


def window(step):
    s = np.linspace(step * np.pi, (step + 1) * np.pi, a.time_step, dtype=np.float32)
    return (torch.from_numpy(np.sin(s)[None, :, None].copy()), torch.from_numpy(np.cos(s)[None, :, None].copy()))


for cell in a.cells.split(','):
    torch.manual_seed(0)
    m = Net({'rnn': nn.RNN, 'lstm': nn.LSTM, 'gru': nn.GRU}[cell])
    opt = torch.optim.Adam(m.parameters(), lr=0.005)
    sch = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode='min', factor=0.5, patience=10)
    lossf = nn.MSELoss()
    h = None
    step = 0

    def train(n):
        global h, step
        for _ in range(n):
            x, y = window(step)
            pred, h = m(x, h)
            h = detach(h)
            loss = lossf(pred, y)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(m.parameters(), max_norm=1.0)
            opt.step()
            sch.step(loss.item())
            step += 1

    train(a.warmup)
    timings = []
    for _ in range(a.repeats):
        start = time.perf_counter()
        train(a.steps)
        timings.append((time.perf_counter() - start) / a.steps * 1e6)
    print(json.dumps({
        'cell': cell, 'hidden_size': a.hidden_size, 'num_layers': a.num_layers, 'time_step': a.time_step,
        'torch': torch.__version__, 'threads': torch.get_num_threads(),
        'us_per_step_median': round(statistics.median(timings), 1), 'us_per_step_min': round(min(timings), 1),
        'us_per_step_mean': round(statistics.mean(timings), 1),
    }))
