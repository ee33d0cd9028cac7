"""Builds a tiny Piper-compatible ONNX "voice" for tests (test fixture, not a real voice).

It has Piper's input/output signature (input int64[1,N] phoneme ids, input_lengths int64[1], scales float[3];
output float[1,1,N]) and outputs one sample per phoneme id: sin(id * scales[0]) + 0 * input_lengths. Enough to
drive piper-jni's real native path (config parsing, phoneme ids, onnxruntime session, PCM out) without weights.

    /usr/bin/python3 make_test_voice.py   # needs the Debian package python3-onnx
"""
import json
import onnx
from onnx import TensorProto, helper

ids = helper.make_tensor_value_info("input", TensorProto.INT64, [1, "n"])
lengths = helper.make_tensor_value_info("input_lengths", TensorProto.INT64, [1])
scales = helper.make_tensor_value_info("scales", TensorProto.FLOAT, [3])
out = helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, "n"])
shape = helper.make_tensor("shape", TensorProto.INT64, [3], [1, 1, -1])
zero = helper.make_tensor("zero", TensorProto.FLOAT, [], [0.0])
first = helper.make_tensor("first", TensorProto.INT64, [1], [0])
nodes = [
    helper.make_node("Cast", ["input"], ["ids_f"], to=TensorProto.FLOAT),
    helper.make_node("Gather", ["scales", "first"], ["noise"], axis=0),
    helper.make_node("Mul", ["ids_f", "noise"], ["phase"]),
    helper.make_node("Sin", ["phase"], ["wave"]),
    helper.make_node("Cast", ["input_lengths"], ["len_f"], to=TensorProto.FLOAT),
    helper.make_node("Mul", ["len_f", "zero"], ["len_zero"]),
    helper.make_node("Add", ["wave", "len_zero"], ["audio"]),
    helper.make_node("Reshape", ["audio", "shape"], ["output"]),
]
graph = helper.make_graph(nodes, "moked-test-voice", [ids, lengths, scales], [out], [shape, zero, first])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="moked-tests")
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, "test-voice.onnx")

symbols = ["_", "^", "$", " ", "!", ",", ".", "?", "a", "b", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n",
           "o", "p", "s", "t", "u", "v", "z", "ʃ", "ʁ", "ʔ", "χ", "ˈ", "ɡ"]
config = {
    "audio": {"sample_rate": 16000},
    "espeak": {"voice": "he"},
    "inference": {"noise_scale": 0.667, "length_scale": 1, "noise_w": 0.8},
    "phoneme_type": "espeak",
    "phoneme_map": {},
    "phoneme_id_map": {s: [i] for i, s in enumerate(symbols)},
    "num_symbols": len(symbols),
    "num_speakers": 1,
    "speaker_id_map": {},
    "language": {"code": "he_IL"},
}
with open("test-voice.onnx.json", "w", encoding="utf-8") as f:
    json.dump(config, f, ensure_ascii=False, indent=2)
