#!/usr/bin/env python3
"""Time per training step of `rnnreport train` against PyTorch's training loop, as a Markdown table.

For each cell (RNN, LSTM, GRU) and hidden size (3 layers, windows of 30), the time of an
`rnnreport train` process of S steps less that of one of a single step, divided by S − 1, on 1
and 2 threads (`--threads`): the steps alone, without starting, the first step and writing the
files, as PyTorch's loop is timed. PyTorch's loop (the tutorial's: nn.RNN, nn.LSTM or nn.GRU,
nn.Linear on every step, MSE, Adam, clipping, ReduceLROnPlateau) runs with
torch.set_num_threads(1) and (2), timed around the loop after 3 warm-up steps. An rnnreport run
of S steps lasts a second, or ten runs of one step, or more (S is found by first runs); a
--steps-scale below 1 (for a quick look) skips that. Each time is the best of --repeat runs,
rnnreport and PyTorch run back to back in every repetition, so that both see the same machine
load. The ratio is the better PyTorch time over the better rnnreport time; the median ratio is the
median of each repetition's own ratio (of the runs it made back to back), which one lucky or
unlucky run does not move: on a shared host the best of a few runs can be 20 % off the rest
(PyTorch's LSTM 256 step, 2 threads: 9.19 ms once, 11.6-13.6 ms in 12 other runs).
GFLOP/s beside each time counts the multiply-adds of the network's matrix products (2 FLOP each):
per layer and gate, the input projection and the recurrence forward, and the recurrence (T − 1
steps), the two weight gradients and the input gradient (above the first layer) backward.
After the table, how rnnreport's step grows from each width to its double (a cache cliff shows as
a ratio well above the 4× of the work), from the best steps and from the median ones.

PyTorch is optional: without `import torch` in --python, its columns read "-".

    swift build -c release
    python3 Benchmarks/train_speed.py --rnnreport .build/release/rnnreport [--python /path/to/python]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

LAYERS, TIME_STEP = 3, 30

PYTORCH_LOOP = r'''
import json, sys, time
import numpy as np
import torch
from torch import nn
cell, hidden, steps, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(threads)
torch.manual_seed(0)
class Model(nn.Module):
    def __init__(self):
        super().__init__()
        module = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[cell]
        self.rnn = module(input_size=1, hidden_size=hidden, num_layers=%d, batch_first=True)
        self.out = nn.Linear(hidden, 1)
    def forward(self, x, h):
        r, h = self.rnn(x, h)
        return torch.stack([self.out(r[:, t, :]) for t in range(r.size(1))], dim=1), h
model = Model()
loss_func = nn.MSELoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.005)
scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode='min', factor=0.5, patience=10)
h = None
def step(k):
    global h
    t = np.linspace(k * np.pi, (k + 1) * np.pi, %d, dtype=np.float32)
    x = torch.from_numpy(np.sin(t)[np.newaxis, :, np.newaxis])
    y = torch.from_numpy(np.cos(t)[np.newaxis, :, np.newaxis])
    prediction, h = model(x, h)
    h = tuple(s.data for s in h) if isinstance(h, tuple) else h.data
    loss = loss_func(prediction, y)
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    optimizer.step()
    scheduler.step(loss)
for k in range(3):
    step(k)
start = time.perf_counter()
for k in range(steps):
    step(3 + k)
print(json.dumps({"seconds_per_step": (time.perf_counter() - start) / steps}))
''' % (LAYERS, TIME_STEP)


GATES = {"rnn": 1, "lstm": 4, "gru": 3}


def flops_per_step(cell, hidden):
    """FLOP of the matrix products of one training step (a multiply-add is 2)."""
    rows = GATES[cell] * hidden
    total = 0
    for layer in range(LAYERS):
        inputs = 1 if layer == 0 else hidden
        forward = TIME_STEP * rows * (inputs + hidden)
        backward = (TIME_STEP - 1) * rows * hidden + TIME_STEP * rows * hidden + TIME_STEP * rows * inputs
        if layer > 0:
            backward += TIME_STEP * rows * inputs
        total += 2 * (forward + backward)
    return total


def steps_for(cell, hidden):
    """A first guess at the steps of a run: PyTorch runs a quarter of them (its loop is timed
    without its start), and rnnreport's runs are lengthened from it (``steps_for_a_long_run``)."""
    steps = {32: 4000, 64: 2000, 128: 1000, 256: 300, 512: 100, 1024: 60}.get(hidden, 60)
    return steps if cell == "rnn" else max(20, steps // GATES[cell])


# The shortest rnnreport run of S steps: long beside the noise of the one-step run subtracted
# from it. Starting takes some 0.04 s at LSTM 256 and 0.15–0.5 s at hidden 1024 (most of it the
# kernel zeroing the network's fresh memory, and finding it huge pages, which takes longer and
# varies more once PyTorch's runs have fragmented memory); divided by the steps of a one-second run
# instead of subtracted, it counted 4 % of a step at LSTM 256 and up to a third of one at hidden
# 1024. A run lasts MIN_SECONDS, or START_MULTIPLE times a one-step run if that is longer: with
# runs of a second, the LSTM 1024 step measured 76–83 ms in three passes of the table, where
# alternating runs of our binary alone gave 55.8 ms.
MIN_SECONDS = 1.0
START_MULTIPLE = 10


def steps_for_a_long_run(binary, cell, hidden, guess):
    """The steps of an rnnreport run that lasts about MIN_SECONDS, or START_MULTIPLE one-step runs,
    or more, on 2 threads: a run of `guess` steps (which also warms the caches), lengthened in
    proportion to its time if shorter."""
    start = run_rnnreport(binary, cell, hidden, 1, 2)
    seconds = run_rnnreport(binary, cell, hidden, guess, 2)
    target = max(MIN_SECONDS, START_MULTIPLE * start)
    if seconds >= target:
        return guess
    return int(guess * 1.2 * target / seconds) + 1


def busy_fraction(interval=0.5):
    """The share of all cores' time spent busy over `interval` seconds (from /proc/stat)."""
    def sample():
        with open("/proc/stat") as stat:
            fields = [int(value) for value in stat.readline().split()[1:]]
        idle = fields[3] + fields[4]  # idle, iowait
        return sum(fields), idle
    total0, idle0 = sample()
    time.sleep(interval)
    total1, idle1 = sample()
    return 1 - (idle1 - idle0) / max(1, total1 - total0)


def wait_until_idle(limit, patience=600):
    """Waits (at most `patience` seconds) until the machine is busy less than `limit` of the time,
    so that other work on a shared machine does not take a core from a measurement."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        if busy_fraction() < limit:
            return
    print(f"note: the machine stayed busy for {patience} s; measuring anyway", file=sys.stderr)


def per_step(times, threads, steps):
    """rnnreport's seconds a step on `threads` threads from `times` of a run of `steps` steps and of
    one step: their difference over the steps between."""
    return (times[("rnnreport", threads)] - times[("start", threads)]) / (steps - 1)


def run_rnnreport(binary, cell, hidden, steps, threads):
    """The seconds of a whole `rnnreport train` process of `steps` steps."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        subprocess.run(
            [binary, "train", "--cell", cell, "--hidden-size", str(hidden), "--steps", str(steps),
             "--threads", str(threads), "--quiet", "--output", os.path.join(folder, "run")],
            check=True)
        return time.perf_counter() - start


def time_pytorch(python, cell, hidden, steps, threads):
    result = subprocess.run([python, "-c", PYTORCH_LOOP, cell, str(hidden), str(steps), str(threads)],
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout)["seconds_per_step"]


def has_torch(python):
    if not python:
        return False
    try:
        return subprocess.run([python, "-c", "import torch"], capture_output=True).returncode == 0
    except OSError:
        return False


def cell_text(seconds, cell, hidden):
    if seconds is None:
        return "-"
    milliseconds = seconds * 1000
    text = f"{milliseconds:.3f} ms" if milliseconds < 1 else f"{milliseconds:.2f} ms" if milliseconds < 10 else f"{milliseconds:.1f} ms"
    return f"{text} ({flops_per_step(cell, hidden) / seconds / 1e9:.1f})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rnnreport", default=".build/release/rnnreport", help="the rnnreport binary")
    parser.add_argument("--python", default=sys.executable, help="a Python with torch and numpy (optional)")
    parser.add_argument("--cells", default="rnn,lstm,gru", help="cells, separated by commas")
    parser.add_argument("--hidden", default="32,128,256,512,1024", help="hidden sizes, separated by commas")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions; the best is reported")
    parser.add_argument("--steps-scale", type=float, default=1.0, help="multiplies the steps of every run; below 1, rnnreport's runs are not lengthened to a second")
    parser.add_argument("--idle", type=float, default=None, metavar="FRACTION",
                        help="before every run, wait until the cores are busy less than FRACTION of the "
                             "time (e.g. 0.1), for a shared machine")
    args = parser.parse_args()
    torch = has_torch(args.python)
    if not torch:
        print(f"note: {args.python} cannot import torch; PyTorch's columns are left empty", file=sys.stderr)

    print("| cell | hidden | rnnreport, 1 thread | rnnreport, 2 threads | PyTorch, 1 thread | PyTorch, 2 threads "
          "| ratio | median ratio |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    steps_of = {}  # (cell, hidden): rnnreport's best step and its median step, each the better of 1 and 2 threads
    for cell in args.cells.split(","):
        for hidden in [int(h) for h in args.hidden.split(",")]:
            guess = max(3, int(steps_for(cell, hidden) * args.steps_scale))  # at least 2, for S − 1
            if args.idle is not None:
                wait_until_idle(args.idle)
            steps = steps_for_a_long_run(args.rnnreport, cell, hidden, guess) if args.steps_scale >= 1 else guess
            best = {}
            ratios = []  # each repetition's own ratio, of the runs it made back to back
            own = []  # each repetition's own step, the better of 1 and 2 threads
            for _ in range(args.repeat):
                this = {}
                for threads in (1, 2):
                    for key, run_steps in ((("rnnreport", threads), steps), (("start", threads), 1)):
                        if args.idle is not None:
                            wait_until_idle(args.idle)
                        this[key] = run_rnnreport(args.rnnreport, cell, hidden, run_steps, threads)
                    if torch:
                        if args.idle is not None:
                            wait_until_idle(args.idle)
                        this[("pytorch", threads)] = time_pytorch(
                            args.python, cell, hidden, max(3, guess // 4), threads)
                for key, seconds in this.items():
                    best[key] = min(best.get(key, float("inf")), seconds)
                own.append(better_step(per_step(this, t, steps) for t in (1, 2)))
                if torch and own[-1] > 0:
                    ratios.append(min(this[("pytorch", 1)], this[("pytorch", 2)]) / own[-1])
            for threads in (1, 2):
                best[("rnnreport", threads)] = per_step(best, threads, steps)
            ours = better_step(best[("rnnreport", 1)], best[("rnnreport", 2)])
            steps_of[(cell, hidden)] = (ours, statistics.median(own))
            theirs = min(best[("pytorch", 1)], best[("pytorch", 2)]) if torch else None
            ratio = f"{theirs / ours:.1f}×" if theirs and ours > 0 else "-"
            median = f"{statistics.median(ratios):.1f}×" if ratios else "-"
            cells = [cell_text(best.get(key), cell, hidden)
                     for key in (("rnnreport", 1), ("rnnreport", 2), ("pytorch", 1), ("pytorch", 2))]
            print(f"| {cell.upper()} | {hidden} | " + " | ".join(cells) + f" | {ratio} | {median} |", flush=True)
    print()
    print("Time per training step (GFLOP/s of the matrix products in brackets); ratio: the better PyTorch "
          "over the better rnnreport; median ratio: the median over the repetitions of each one's ratio, "
          "of the runs it made back to back.")
    growth = growth_table(steps_of)
    if growth:
        print()
        print("\n".join(growth))


def better_step(*steps):
    """The shorter of rnnreport's steps (or of an iterable of them) above 0, or 0 when none is: a
    run too short for the noise of its start can leave a step of 0 or less (a --steps-scale well
    below 1), which is no measurement."""
    values = list(steps[0]) if len(steps) == 1 else list(steps)
    positive = [step for step in values if step > 0]
    return min(positive) if positive else 0


def ratio_text(later, earlier):
    """later / earlier, or "-" where a run too short for the noise of its start left a step of 0
    or less (a --steps-scale well below 1)."""
    return f"{later / earlier:.2f}×" if later > 0 and earlier > 0 else "-"


def growth_table(steps_of):
    """The Markdown lines of how rnnreport's step grows from each hidden size to its double, per
    cell: the best step's ratio and, in brackets, the median step's (each the better of 1 and 2
    threads), so that a cache cliff shows as one ratio well above 4 (the work grows 4× per doubling
    of the width). Empty without a doubling among the sizes measured."""
    cells = list(dict.fromkeys(cell for cell, _ in steps_of))
    sizes = sorted({hidden for _, hidden in steps_of})
    pairs = [(h, 2 * h) for h in sizes if 2 * h in sizes]
    if not pairs:
        return []
    lines = ["| cell | " + " | ".join(f"{a} → {b}" for a, b in pairs) + " |",
             "| --- |" + " --- |" * len(pairs)]
    for cell in cells:
        texts = []
        for a, b in pairs:
            if (cell, a) in steps_of and (cell, b) in steps_of:
                (best_a, median_a), (best_b, median_b) = steps_of[(cell, a)], steps_of[(cell, b)]
                texts.append(f"{ratio_text(best_b, best_a)} ({ratio_text(median_b, median_a)})")
            else:
                texts.append("-")
        lines.append(f"| {cell.upper()} | " + " | ".join(texts) + " |")
    lines += ["", "Growth of rnnreport's step per doubling of the width: the ratio of the best steps, and in "
              "brackets of the median steps (each the better of 1 and 2 threads); the work grows 4×, and the "
              "goal is at most 4.5×."]
    return lines


if __name__ == "__main__":
    main()
