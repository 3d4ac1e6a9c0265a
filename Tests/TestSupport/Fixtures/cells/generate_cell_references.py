#!/usr/bin/env python3
"""Per-cell reference values for RNNCore's cell tests, computed with PyTorch itself.

For each cell (rnn, lstm, gru) and two shapes, writes NAME.safetensors (the model's state_dict under
PyTorch's names) and NAME.json: the window's input (T, I), target (T), initial state h0 (L, H) and,
for the LSTM, c0 (L, H); and what PyTorch computes from them: the predictions (T), the MSE loss, the
final state hN (and cN) and the gradient of every tensor by state_dict name. Also writes
lstm-statedict.json: the names, shapes and dtypes of the state_dict of the model `rnnreport --cell
lstm` trains by default (hidden 32, 3 layers, input 1), to compare its model.safetensors against.

Run it with the reference environment (PyTorch 2.15):

    /tmp/ref/bin/python Tests/TestSupport/Fixtures/cells/generate_cell_references.py

Encoding: float32 values are written as their IEEE bit patterns (unsigned integers), so that they
read back exactly; the loss is also a float32 bit pattern.
"""

import json
import pathlib

import numpy as np
import torch
from torch import nn
from safetensors.torch import save_file

torch.set_num_threads(1)
HERE = pathlib.Path(__file__).resolve().parent
CELLS = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}
# (name suffix, input size, hidden size, layers, window length, seed): a small stack with a
# multi-column input, and a width that is not a multiple of the 8-lane vectors.
SHAPES = [("small", 2, 5, 2, 6, 1), ("wide", 3, 11, 3, 9, 2)]


def bits(tensor):
    array = tensor.detach().to(torch.float32).contiguous().numpy().reshape(-1)
    return [int(b) for b in array.view(np.uint32)]


class Net(nn.Module):
    def __init__(self, cell, input_size, hidden_size, num_layers):
        super().__init__()
        self.rnn = CELLS[cell](input_size=input_size, hidden_size=hidden_size, num_layers=num_layers,
                               batch_first=True)
        self.out = nn.Linear(hidden_size, 1)

    def forward(self, x, h):
        r, hn = self.rnn(x, h)
        return torch.stack([self.out(r[:, t, :]) for t in range(r.size(1))], dim=1), hn


def reference(cell, suffix, I, H, L, T, seed):
    torch.manual_seed(seed)
    net = Net(cell, I, H, L)
    x = torch.rand(1, T, I) * 2 - 1
    y = torch.rand(1, T, 1) * 2 - 1
    h0 = torch.rand(L, 1, H) - 0.5
    c0 = torch.rand(L, 1, H) - 0.5
    state = (h0, c0) if cell == "lstm" else h0
    pred, hn = net(x, state)
    loss = nn.MSELoss()(pred, y)
    loss.backward()
    name = f"{cell}-{suffix}"
    save_file({k: v.detach().contiguous() for k, v in net.state_dict().items()}, str(HERE / f"{name}.safetensors"))
    record = {
        "cell": cell, "input_size": I, "hidden_size": H, "num_layers": L, "time_step": T,
        "input": bits(x), "target": bits(y), "h0": bits(h0),
        "prediction": bits(pred), "loss": bits(loss),
        "hn": bits(hn[0] if cell == "lstm" else hn),
        "gradients": {k: bits(p.grad) for k, p in net.named_parameters()},
    }
    if cell == "lstm":
        record["c0"] = bits(c0)
        record["cn"] = bits(hn[1])
    with open(HERE / f"{name}.json", "w") as f:
        json.dump(record, f, sort_keys=True)
        f.write("\n")


for cell in CELLS:
    for shape in SHAPES:
        reference(cell, *shape)

default_lstm = Net("lstm", 1, 32, 3)
with open(HERE / "lstm-statedict.json", "w") as f:
    json.dump([{"name": k, "shape": list(v.shape), "dtype": str(v.dtype).removeprefix("torch.")}
               for k, v in default_lstm.state_dict().items()], f)
    f.write("\n")
