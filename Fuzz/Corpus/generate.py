#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora (Fuzz/Corpus/<target>/) from the test fixtures and templates/.

Run it from anywhere; it rewrites the seeds it makes and leaves other files alone. The seeds are
small real inputs and edge cases: the fuzzers start from them, and scripts/fuzz works on copies, so
they do not grow. Standard library only.
"""
import json
import math
import pathlib
import re
import struct

FUZZ = pathlib.Path(__file__).resolve().parent.parent
ROOT = FUZZ.parent
FIXTURES = ROOT / "Tests/TestSupport/Fixtures"
CORPUS = FUZZ / "Corpus"


def write(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())


# MARK: - Safetensors

def safetensors(tensors, metadata=None, pad_to=8):
    """A file as Python's library lays it out: header padded with spaces, tensors in order."""
    header, blob = {}, b""
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, dtype, shape, values in tensors:
        raw = struct.pack("<%d%s" % (len(values), "f" if dtype == "F32" else "d"), *values)
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(blob), len(blob) + len(raw)]}
        blob += raw
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % pad_to)
    return struct.pack("<Q", len(text)) + text + blob


def with_length(header):
    """A header with its 8-byte little-endian length before it."""
    return struct.pack("<Q", len(header)) + header


def header_of(file):
    (length,) = struct.unpack("<Q", file[:8])
    return file[8:8 + length]


files = {
    "small.init": (FIXTURES / "small.init.safetensors").read_bytes(),
    "python_int64": (FIXTURES / "safetensors/python_int64.safetensors").read_bytes(),
    "python_mixed": (FIXTURES / "safetensors/python_mixed.safetensors").read_bytes(),
    "empty": safetensors([]),
    "metadata_only": safetensors([], {"format": "pt"}),
    "metadata_null": with_length(b'{"__metadata__":null}'),
    "scalar_f64": safetensors([("s", "F64", [], [math.pi])]),
    "zero_dim": safetensors([("a", "F32", [0, 3], []), ("b", "F32", [2], [1.5, -0.0])]),
    "specials": safetensors([("x", "F32", [4], [math.inf, -math.inf, 1e-45, 3.4028234e38])]),
    "unicode_names": safetensors([("é", "F32", [1], [1.0]), ("\U0001F600", "F32", [1], [2.0])], {"ü": "ß"}),
    # Two names that Swift compares as equal (é, and e with a combining accent): refused as a duplicate.
    "equivalent_names": safetensors([("é", "F32", [1], [1.0]), ("e\u0301", "F32", [1], [2.0])]),
    "whitespace": with_length(b'  \n{ "a" : { "dtype" : "F32", "shape" : [ 1 ], "data_offsets" : [ 0, 4 ] } }\t\r\n')
                  + struct.pack("<f", 1.0),
}
# The default network's initial weights, cut to its first two tensors (out.bias, out.weight): a
# real header of PyTorch's names and shapes, re-laid with only the data those two need.
seed0 = (FIXTURES / "seed0.init.safetensors").read_bytes()
seed0_header = json.loads(header_of(seed0))
seed0_data = seed0[8 + len(header_of(seed0)):]
kept = [("out.bias", [1]), ("out.weight", [1, 32])]
files["seed0.head"] = safetensors([
    (name, "F32", shape, list(struct.unpack_from(
        "<%df" % math.prod(shape), seed0_data, seed0_header[name]["data_offsets"][0])))
    for name, shape in kept
], seed0_header.get("__metadata__"))
# Everything of seed0's header, with no data: the file target sees the real header fail on its
# offsets; the header target gives it the data it asks for.
files["seed0.header_only"] = struct.pack("<Q", len(header_of(seed0))) + header_of(seed0)

for name, data in files.items():
    write("SafetensorsFileFuzzer", name + ".safetensors", data)
    write("SafetensorsHeaderFuzzer", name + ".json", header_of(data))
write("SafetensorsHeaderFuzzer", "duplicate_key.json", b'{"a":{"dtype":"F32","shape":[],"data_offsets":[0,4]},"a":{}}')
write("SafetensorsHeaderFuzzer", "nested.json", b'{"__metadata__":{"k":"\\u00e9\\ud83d\\ude00\\n"},"t":{"dtype":"F64","shape":[1,1],"data_offsets":[0,8],"x":[{"y":[1e5,-0.5,true,false,null]}]}}')

# MARK: - Metrics

def metrics(config, steps, time_step, **extra):
    m = {"config": dict(config, steps=steps, time_step=time_step)}
    m.update(extra)
    return m

config = {"hidden_size": 4, "num_layers": 1, "learning_rate": 0.005, "clip_norm": 1.0,
          "lr_factor": 0.5, "lr_patience": 10, "seed": 0}
trace = json.loads((FIXTURES / "small.trace.json").read_text())
# The PyTorch trace, cut to 4 of its 40 steps (its full config, the steps it records).
short = dict(trace, config=dict(trace["config"], steps=4), loss=trace["loss"][:4],
             learning_rate=trace["learning_rate"][:4], grad_norm=trace["grad_norm"][:4],
             real=trace["real"][:40], prediction=trace["prediction"][:40])
write("MetricsJSONFuzzer", "pytorch_trace_4_steps.json", json.dumps(short))
write("MetricsJSONFuzzer", "rnnreport_sorted.json", json.dumps(metrics(
    config, 2, 3, source="rnnreport 0.1.0 float32", loss=[0.5, 0.25], learning_rate=[0.005, 0.005],
    grad_norm=[1.5, 0.75], real=[0, 0.5, 1, 1, 0.5, 0], prediction=[0.1, 0.4, 0.9, 1.1, 0.6, 0.05]),
    sort_keys=True, separators=(",", ":")) + "\n")
# A diverged run as Python writes it: NaN and Infinity (JSON5), and null as rnnreport writes it.
write("MetricsJSONFuzzer", "diverged_json5.json", json.dumps(metrics(
    config, 2, 2, init_weights="w.safetensors", loss=[float("nan"), float("inf")],
    learning_rate=[0.005, -float("inf")], grad_norm=[None, 1e39], real=[0, 1, 1, 0],
    prediction=[float("nan"), None, -1e-45, 2])))
write("MetricsJSONFuzzer", "optional_series_absent.json",
      '{"config":{"time_step":2},"loss":[1],"real":[0,1],"prediction":[0,1]}')
write("MetricsJSONFuzzer", "json5_syntax.json",
      "// comment\n{config: {time_step: 2, 'seed': 0x10,}, loss: [+1.5e0,], real: [.5, 5.],"
      " prediction: [Infinity, -NaN], /* block */ source: 'it\\'s'}")
write("MetricsJSONFuzzer", "inconsistent.json",
      '{"config":{"time_step":3},"loss":[1,2],"real":[0],"prediction":[0]}')

# MARK: - Configuration

for name, text in {
    "full": json.dumps(dict(config, steps=500, time_step=30), indent=2),
    "empty": "{}",
    "one_key": '{"hidden_size": 64}',
    "unknown_key": '{"hidden_size": 8, "hiden_size": 9}',
    "out_of_range": '{"num_layers": 0, "time_step": 1, "learning_rate": -1, "seed": 18446744073709551615}',
    "wrong_types": '{"hidden_size": "8", "steps": 1.5, "clip_norm": null}',
    "big_numbers": '{"steps": 9223372036854775807, "time_step": 9223372036854775807, "lr_factor": 1e308}',
    "unicode": '{"hidden_\\u0073ize": 8, "seed": 1}',
}.items():
    write("ConfigJSONFuzzer", name + ".json", text)

# MARK: - Templates

template = (ROOT / "templates/report.html.mustache").read_text()
# The built-in template without its style sheet, so that it fits in the 4 KiB the fuzzer allows.
write("TemplateFuzzer", "builtin_without_style.mustache",
      re.sub(r"<style>.*?</style>", "<style></style>", template, flags=re.S))
for name, text in {
    "variables": "<h1>{{title}}</h1>{{{verdict}}}{{&architecture}} {{version}} {{missing}}",
    "sections": "{{#summary}}<p>{{label}}: {{value}}{{#detail}} ({{.}}){{/detail}}</p>{{/summary}}"
                "{{^files}}no files{{/files}}{{#converged}}yes{{/converged}}",
    "nested": "{{#figures}}{{number}}. {{title}}{{#svgFile}}<a href=\"{{.}}\">{{stem}}</a>{{/svgFile}}"
              "{{#hyperparameters}}{{key}}{{/hyperparameters}}{{/figures}}",
    "dotted_and_context": "{{#figures}}{{figures.0.title}} {{title}}{{/figures}}{{rateChanges.first.from}}{{#.}}{{version}}{{/.}}",
    "comment_delimiters": "{{! a comment }}{{=<% %>=}}<% title %><%={{ }}=%>{{title}}",
    "partials_and_inheritance": "{{>header}}{{<base}}{{$body}}text{{/body}}{{/base}}{{$block}}default{{/block}}",
    "transforms": "{{uppercased(title)}}{{#reversed(summary)}}{{label}}{{/reversed(summary)}}"
                  "{{#first(figures)}}{{stem}}{{/first(figures)}}{{count(figures)}}",
    "config_tags": "{{% CONTENT_TYPE: TEXT}}{{title}}",
    "standalone_lines": "a\n  {{#converged}}\n  line\n  {{/converged}}\n\r\n{{! x }}\n",
    "errors": "{{#figures}}{{/files}}{{title",
}.items():
    write("TemplateFuzzer", name + ".mustache", text)

# MARK: - CSV series

oscillator = (FIXTURES / "series/oscillator.csv").read_text().splitlines(keepends=True)
write("CSVFuzzer", "oscillator_head.csv", "".join(oscillator[:41]))
write("CSVFuzzer", "example_head.csv", "".join((ROOT / "examples/room-temperature.csv").read_text().splitlines(keepends=True)[:31]))
write("CSVFuzzer", "quoted.csv", 'note,"x","y"\r\n"a, ""b""",1,2\r\n"two\nlines",3e-1,-4\r\n,5.,+.5\r\n')
write("CSVFuzzer", "bom_blank_lines.csv", "\ufeffx,y\n\n1,2\n\n3,4\n5,6\n")
write("CSVFuzzer", "constant.csv", "x,y\n" + "1,2\n" * 9)
write("CSVFuzzer", "specials.csv", "x,y\n1,nan\ninf,2\n1e999,3\n-0,4\n0x10,5\n1_0,6\n")
write("CSVFuzzer", "ragged.csv", "x,y\n1,2\n3\n4,5,6\n")
write("CSVFuzzer", "unclosed.csv", 'x,y\n1,"2\n3,4\n')
write("CSVFuzzer", "huge.csv", "x,y\n1e308,1\n1.7e308,2\n1e300,3\n-1e300,4\n")
write("CSVFuzzer", "header_only.csv", "x,y\n")
write("CSVFuzzer", "empty.csv", "")
