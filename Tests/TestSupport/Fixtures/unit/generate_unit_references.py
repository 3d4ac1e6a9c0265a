#!/usr/bin/env python3
"""Reference values for the unit tests of RNNCore, computed with PyTorch and NumPy themselves.

Writes unit_references.json next to this script. Run it with the reference environment of
/work/shared/reference/README.md (PyTorch 2.15, NumPy 2.4):

    /tmp/ref/bin/python Tests/RNNCoreTests/Fixtures/unit/generate_unit_references.py

Encoding: float32 values are written as their IEEE bit patterns (unsigned integers), so that they
read back exactly; doubles are JSON numbers (Python writes the shortest form that reads back
exactly); a non-finite double is the string "nan", "inf" or "-inf".
"""

import json
import math
import pathlib

import numpy as np
import torch

torch.set_num_threads(1)


def f32_bits(values):
    """Bit patterns of float32 values, in order."""
    array = np.asarray(values, dtype=np.float32).reshape(-1)
    return [int(b) for b in array.view(np.uint32)]


def tensor_bits(tensor):
    return f32_bits(tensor.detach().numpy())


def double(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


# MARK: - Adam

def adam_reference():
    """torch.optim.Adam (betas 0.9/0.999, eps 1e-8) on 11 parameters (one 8-lane block and a
    3-value tail), with the gradients and learning rates below; state after every step."""
    initial = np.array([0.5, -0.25, 1.0, 0.0, -3.0, 0.125, 2.0, -0.75, 0.3, -0.1, 7.0], dtype=np.float32)
    gradients = [
        [0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0.7, -0.8, 0.9, -1.0, 1.1],
        [0.0] * 11,                                                        # zero gradients
        [1e4, -1e4, 3e6, -2e8, 1e18, -5e17, 123.456, -65504.0, 1e10, -7e3, 42.0],  # large
        [1e-20, -1e-30, 1e-38, -1e-40, 1e-45, 3e-9, -2e-12, 1e-7, -1e-5, 0.0, 1e-33],  # tiny
        [-0.3, 0.2, -0.1, 0.0, 0.05, -0.05, 2.5, -2.5, 0.001, -0.001, 0.5],
        [0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7],
        [-1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0],
        [0.0] * 11,
    ]
    learning_rates = [0.005, 0.005, 0.01, 0.0025, 0.0025, 1e-4, 0.3, 0.005]
    parameter = torch.nn.Parameter(torch.from_numpy(initial.copy()))
    optimizer = torch.optim.Adam([parameter], lr=learning_rates[0], betas=(0.9, 0.999), eps=1e-8)
    steps = []
    for gradient, lr in zip(gradients, learning_rates):
        optimizer.param_groups[0]["lr"] = lr
        parameter.grad = torch.tensor(gradient, dtype=torch.float32)
        optimizer.step()
        state = optimizer.state[parameter]
        steps.append({
            "learning_rate": lr,
            "gradient": f32_bits(gradient),
            "parameters": tensor_bits(parameter),
            "m": tensor_bits(state["exp_avg"]),
            "v": tensor_bits(state["exp_avg_sq"]),
        })
    return {"initial": f32_bits(initial), "steps": steps}


# MARK: - clip_grad_norm_

def clipping_reference():
    """clip_grad_norm_ on gradients shaped like ParameterLayout(hiddenSize: 4, numLayers: 2)
    (PyTorch's state_dict order), one case per entry."""
    hidden, layers = 4, 2
    shapes = []
    for layer in range(layers):
        inputs = 1 if layer == 0 else hidden
        shapes += [[hidden, inputs], [hidden, hidden], [hidden], [hidden]]
    shapes += [[1, hidden], [1]]
    count = sum(int(np.prod(s)) for s in shapes)
    generator = torch.Generator().manual_seed(1234)
    base = torch.randn(count, generator=generator, dtype=torch.float32)

    cases = []

    def add(name, flat, max_norm):
        flat = torch.as_tensor(flat, dtype=torch.float32)
        parameters, offset = [], 0
        for shape in shapes:
            n = int(np.prod(shape))
            p = torch.nn.Parameter(torch.zeros(shape))
            p.grad = flat[offset:offset + n].reshape(shape).clone()
            parameters.append(p)
            offset += n
        norm = torch.nn.utils.clip_grad_norm_(parameters, max_norm)
        clipped = torch.cat([p.grad.reshape(-1) for p in parameters])
        cases.append({
            "name": name,
            "max_norm": max_norm,
            "gradients": tensor_bits(flat),
            "norm": tensor_bits(norm.reshape(1))[0],
            "clipped": tensor_bits(clipped),
        })

    add("large norm clipped to 1", base * 3, 1.0)
    add("large norm clipped to 0.25", base * 100, 0.25)
    add("norm below the maximum", base * 0.01, 1.0)
    add("norm just below the maximum", base / base.norm() * 0.99, 1.0)
    add("all zero", torch.zeros(count), 1.0)
    unit = torch.zeros(count)
    unit[30] = 1.0
    add("norm equal to the maximum: scaled by 1/(1 + 1e-6)", unit, 1.0)
    with_nan = base.clone()
    with_nan[17] = float("nan")
    add("a NaN gradient", with_nan, 1.0)
    with_inf = base.clone()
    with_inf[40] = float("inf")
    add("an infinite gradient", with_inf, 1.0)
    with_minus_inf = base.clone() * 1e-3
    with_minus_inf[5] = float("-inf")
    add("a negative infinite gradient", with_minus_inf, 1.0)
    return {"hidden_size": hidden, "num_layers": layers, "cases": cases}


# MARK: - ReduceLROnPlateau

def plateau_reference():
    """torch.optim.lr_scheduler.ReduceLROnPlateau (mode min, threshold 1e-4 rel) stepped with each
    metric; the learning rate read from the optimizer after each step."""
    nan, inf = float("nan"), float("inf")
    plateau = [1.0, 0.9, 0.8] + [0.8] * 14 + [0.79995] * 3 + [0.7] + [0.7] * 25
    decreasing_slowly = [1.0 * (1 - 0.5e-4) ** i for i in range(30)]  # each improvement below 1e-4 relative
    decreasing = [1.0 * (1 - 2e-4) ** i for i in range(15)]           # each above it
    noisy = [0.5, 0.6, 0.4, 0.45, 0.40000001, 0.39996, 0.39995, 0.41, 0.3, 0.3, 0.3, 0.30001, 0.2999,
             0.29997, 0.3, 0.31, 0.32, 0.2, 0.2]
    with_nan = [0.5, nan, 0.4, nan, nan, nan, 0.4, 0.39, nan, nan, nan, nan, 0.38, inf, inf, inf, 0.1]
    starts_nan = [nan, nan, nan, 1.0, 1.0, 1.0, 0.5, nan, -inf, 0.1, 0.2, 0.3]
    cases = [
        ("tutorial: factor 0.5, patience 10", dict(factor=0.5, patience=10), 0.005, plateau),
        ("patience 0, factor 0.1", dict(factor=0.1, patience=0), 0.01, plateau),
        ("patience 0 on noisy losses", dict(factor=0.5, patience=0), 0.005, noisy),
        ("patience 2 on noisy losses", dict(factor=0.3, patience=2), 0.1, noisy),
        ("improvements below the threshold, patience 3", dict(factor=0.5, patience=3), 0.005, decreasing_slowly),
        ("improvements below the threshold, patience 1", dict(factor=0.5, patience=1), 0.005, decreasing_slowly),
        ("improvements above the threshold", dict(factor=0.5, patience=0), 0.005, decreasing),
        ("NaN and infinite losses", dict(factor=0.5, patience=1), 0.005, with_nan),
        ("starts with NaN, then minus infinity", dict(factor=0.5, patience=1), 0.005, starts_nan),
        ("cooldown 2 and minimum rate", dict(factor=0.5, patience=1, cooldown=2, min_lr=0.001), 0.01, plateau),
        ("reductions stop below epsilon", dict(factor=0.5, patience=0), 1e-7, plateau[:20]),
        ("factor 0.9, patience 5", dict(factor=0.9, patience=5), 0.02, plateau + plateau),
    ]
    results = []
    for name, options, lr, metrics in cases:
        parameter = torch.nn.Parameter(torch.zeros(1))
        optimizer = torch.optim.SGD([parameter], lr=lr)
        scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(
            optimizer, mode="min", threshold=1e-4, threshold_mode="rel", eps=1e-8, **options)
        rates = []
        for metric in metrics:
            scheduler.step(metric)
            rates.append(optimizer.param_groups[0]["lr"])
        results.append({
            "name": name,
            "factor": options["factor"],
            "patience": options["patience"],
            "cooldown": options.get("cooldown", 0),
            "min_lr": options.get("min_lr", 0.0),
            "initial_learning_rate": lr,
            "metrics": [double(m) for m in metrics],
            "learning_rates": [double(r) for r in rates],
        })
    return results


# MARK: - Training windows

def window_reference():
    """t = np.linspace(kπ, (k+1)π, T, dtype=float32), np.sin(t), np.cos(t) (float32 in, float32 out)."""
    windows = []
    for k in [0, 1, 7, 499, 10_000]:
        for time_step in [2, 10, 30]:
            t = np.linspace(k * np.pi, (k + 1) * np.pi, time_step, dtype=np.float32)
            windows.append({
                "step": k,
                "time_step": time_step,
                "time": f32_bits(t),
                "sin": f32_bits(np.sin(t)),
                "cos": f32_bits(np.cos(t)),
            })
    return windows


def main():
    references = {
        "versions": {"torch": torch.__version__, "numpy": np.__version__},
        "adam": adam_reference(),
        "clipping": clipping_reference(),
        "plateau": plateau_reference(),
        "windows": window_reference(),
    }
    path = pathlib.Path(__file__).with_name("unit_references.json")
    path.write_text(json.dumps(references, indent=1) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
