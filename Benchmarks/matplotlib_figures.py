"""Draws the three figures of `rnnreport plot` with matplotlib, as PNG and SVG, and times it.

The baseline for Benchmarks/FigureBenchmarks: the same figures (real and predicted over the whole
run, the last 10 windows, the loss on a log scale with a debiased EMA and dashed lines where the
learning rate went down), the same size (1000 x 400 pixels), both formats, six files. Reading the
JSON is not timed; drawing and saving is.

    python matplotlib_figures.py METRICS.json OUT_DIR [--repeat N]
    python matplotlib_figures.py --synthetic-steps 50000 OUT_DIR     # 1.5 million points, no file needed
"""
import argparse, json, math, time

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("metrics", nargs="?")
p.add_argument("out")
p.add_argument("--repeat", type=int, default=3)
p.add_argument("--synthetic-steps", type=int, default=0)
args = p.parse_args()

def nan(values):
    return np.array([math.nan if v is None else v for v in values], dtype=np.float64)

if args.synthetic_steps:
    steps, T = args.synthetic_steps, 30
    k = np.arange(steps)[:, None]
    t = (k + np.arange(T)[None, :] / (T - 1)) * np.pi
    err = 0.5 * np.exp(-k / steps * 8)
    rng = np.random.default_rng(7)
    real = np.cos(t).ravel()
    pred = (np.cos(t) * (1 - err) + err * (rng.random(t.shape) - 0.5)).ravel()
    loss = (0.5 * np.exp(-np.arange(steps) / steps * 10) + 1e-4) * (0.5 + rng.random(steps))
    plateau = steps * 2 // 5
    lr = 0.005 * 0.5 ** np.clip((np.arange(steps) - plateau) // 11 + 1, 0, 18)
else:
    m = json.load(open(args.metrics))
    T = m["config"]["time_step"]
    real, pred, loss, lr = nan(m["real"]), nan(m["prediction"]), nan(m["loss"]), nan(m["learning_rate"])

def ema(values, weight):
    out, last, n = [], 0.0, 0
    for v in values:
        if not math.isfinite(v):
            out.append(v); continue
        last = last * weight + (1 - weight) * v; n += 1
        out.append(last / (1 - weight ** n))
    return np.array(out)

def draw(fmt):
    x = np.arange(len(real))
    fig = plt.figure(figsize=(10, 4), dpi=100)
    plt.plot(x, real, color="#0072B2", alpha=0.45, lw=3.5, label="real")
    plt.plot(x, pred, color="#D55E00", lw=1.25, label="predicted")
    plt.title("Real and predicted cos(t), whole run"); plt.xlabel("time step"); plt.ylabel("cos(t)"); plt.legend()
    plt.savefig(f"{args.out}/prediction.{fmt}"); plt.close(fig)
    tail = 10 * T
    fig = plt.figure(figsize=(10, 4), dpi=100)
    plt.plot(x[-tail:], real[-tail:], color="#0072B2", alpha=0.45, lw=3.5, label="real")
    plt.plot(x[-tail:], pred[-tail:], color="#D55E00", lw=1.25, label="predicted")
    plt.title("Real and predicted cos(t), last 10 windows"); plt.xlabel("time step"); plt.ylabel("cos(t)"); plt.legend()
    plt.savefig(f"{args.out}/prediction-tail.{fmt}"); plt.close(fig)
    fig = plt.figure(figsize=(10, 4), dpi=100)
    weight = math.floor((1 - 1 / max(2, len(loss) / 50)) * 1000) / 1000
    plt.plot(loss, color="#0072B2", alpha=0.3, lw=1, label="loss per step")
    plt.plot(ema(loss, weight), color="#0072B2", lw=2, label=f"smoothed (EMA {weight:g})")
    for i, step in enumerate(np.nonzero(lr[1:] < lr[:-1])[0] + 1):
        plt.axvline(step, color="#8A8A8A", lw=1, ls="--", label="learning rate reduced" if i == 0 else None)
    plt.yscale("log"); plt.title("Training loss"); plt.xlabel("training step"); plt.ylabel("MSE loss (log scale)"); plt.legend()
    plt.savefig(f"{args.out}/loss.{fmt}"); plt.close(fig)

times = []
for _ in range(args.repeat):
    start = time.perf_counter()
    for fmt in ("png", "svg"):
        draw(fmt)
    times.append(time.perf_counter() - start)
print(json.dumps({"points": int(len(real)), "seconds": [round(t, 3) for t in times], "best_s": round(min(times), 3)}))
