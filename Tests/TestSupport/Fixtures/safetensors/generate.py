"""Writes the safetensors fixtures of SafetensorsReadingTests with Python's safetensors library.

Run from this folder with a Python that has torch and safetensors (0.8.0 was used):
    python generate.py
The files are reference data: the tests check that rnnreport reads what the Python library writes.
"""
import torch
from safetensors.torch import save_file

# F64 and F32 tensors, a scalar, an empty tensor, a non-ASCII name and metadata. The library lays out
# F64 before F32 (by descending alignment), then by name, so the data is not in name order.
save_file(
    {
        "a.f32": torch.tensor([1.5, -2.25, 3.0e-8, float("inf")], dtype=torch.float32),
        "b.f64": torch.tensor([[0.1, -0.2, 1e300], [3.0, -4.5, 2.0 ** -30]], dtype=torch.float64),
        "scalar": torch.tensor(7.0, dtype=torch.float32),
        "empty": torch.zeros((0, 3), dtype=torch.float32),
        "caf\u00e9.w": torch.tensor([[1.0], [2.0]], dtype=torch.float32),
    },
    "python_mixed.safetensors",
    metadata={"format": "pt", "note": "written by generate.py"},
)

# A dtype rnnreport does not read.
save_file(
    {"steps": torch.tensor([1, 2, 3], dtype=torch.int64), "w": torch.ones(2, dtype=torch.float32)},
    "python_int64.safetensors",
)
