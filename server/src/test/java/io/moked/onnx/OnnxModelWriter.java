package io.moked.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small ONNX models (the protobuf {@code ModelProto}, encoded by hand) so tests can run the real
 * onnxruntime code paths with the real input/output names and shapes, without real weights and without Python.
 * Supports what the test models need: typed graph inputs/outputs with symbolic dims, float/int64 initializers,
 * nodes with int/float/ints attributes, and custom metadata. Field numbers follow onnx/onnx.proto (IR version 8).
 */
public final class OnnxModelWriter {
    public static final int FLOAT = 1;
    public static final int INT64 = 7;
    private static final int IR_VERSION = 8;
    private static final int OPSET = 13;

    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private int nodeCount;

    /** A graph input or output; dims are numbers or symbolic names ("T"). */
    public OnnxModelWriter input(String name, int elemType, Object... dims) {
        inputs.add(valueInfo(name, elemType, dims));
        return this;
    }

    public OnnxModelWriter output(String name, int elemType, Object... dims) {
        outputs.add(valueInfo(name, elemType, dims));
        return this;
    }

    public OnnxModelWriter floats(String name, float[] data, long... dims) {
        Proto t = new Proto();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, FLOAT);
        Proto packed = new Proto();
        for (float f : data) {
            packed.rawFloat(f);
        }
        t.bytes(4, packed.toBytes());
        t.string(8, name);
        initializers.add(t.toBytes());
        return this;
    }

    public OnnxModelWriter longs(String name, long[] data, long... dims) {
        Proto t = new Proto();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, INT64);
        Proto packed = new Proto();
        for (long v : data) {
            packed.rawVarint(v);
        }
        t.bytes(7, packed.toBytes());
        t.string(8, name);
        initializers.add(t.toBytes());
        return this;
    }

    /** A node; {@code attributes} values: Long (int), Float, long[] (ints). */
    public OnnxModelWriter node(String opType, List<String> in, List<String> out, Map<String, Object> attributes) {
        Proto n = new Proto();
        in.forEach(s -> n.string(1, s));
        out.forEach(s -> n.string(2, s));
        n.string(3, opType.toLowerCase() + "_" + nodeCount++);
        n.string(4, opType);
        attributes.forEach((key, value) -> {
            Proto a = new Proto();
            a.string(1, key);
            if (value instanceof Float f) {
                a.fixed32(2, Float.floatToIntBits(f));
                a.varint(20, 1);
            } else if (value instanceof Long l) {
                a.varint(3, l);
                a.varint(20, 2);
            } else if (value instanceof long[] ls) {
                for (long l : ls) {
                    a.varint(8, l);
                }
                a.varint(20, 7);
            } else {
                throw new IllegalArgumentException("attribute type " + value.getClass());
            }
            n.bytes(5, a.toBytes());
        });
        nodes.add(n.toBytes());
        return this;
    }

    public OnnxModelWriter node(String opType, List<String> in, List<String> out) {
        return node(opType, in, out, Map.of());
    }

    public OnnxModelWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    public byte[] toBytes() {
        Proto graph = new Proto();
        nodes.forEach(b -> graph.bytes(1, b));
        graph.string(2, "test-graph");
        initializers.forEach(b -> graph.bytes(5, b));
        inputs.forEach(b -> graph.bytes(11, b));
        outputs.forEach(b -> graph.bytes(12, b));
        Proto model = new Proto();
        model.varint(1, IR_VERSION);
        model.string(2, "moked-tests");
        model.bytes(7, graph.toBytes());
        Proto opset = new Proto();
        opset.string(1, "");
        opset.varint(2, OPSET);
        model.bytes(8, opset.toBytes());
        metadata.forEach((k, v) -> {
            Proto entry = new Proto();
            entry.string(1, k);
            entry.string(2, v);
            model.bytes(14, entry.toBytes());
        });
        return model.toBytes();
    }

    public Path write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, toBytes());
    }

    private static byte[] valueInfo(String name, int elemType, Object... dims) {
        Proto shape = new Proto();
        for (Object d : dims) {
            Proto dim = new Proto();
            if (d instanceof Number n) {
                dim.varint(1, n.longValue());
            } else {
                dim.string(2, d.toString());
            }
            shape.bytes(1, dim.toBytes());
        }
        Proto tensor = new Proto();
        tensor.varint(1, elemType);
        tensor.bytes(2, shape.toBytes());
        Proto type = new Proto();
        type.bytes(1, tensor.toBytes());
        Proto info = new Proto();
        info.string(1, name);
        info.bytes(2, type.toBytes());
        return info.toBytes();
    }

    /** Minimal protobuf wire-format encoder. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(int field, long value) {
            rawVarint((long) field << 3);
            rawVarint(value);
        }

        void fixed32(int field, int bits) {
            rawVarint(((long) field << 3) | 5);
            for (int i = 0; i < 4; i++) {
                out.write((bits >>> (8 * i)) & 0xFF);
            }
        }

        void bytes(int field, byte[] data) {
            rawVarint(((long) field << 3) | 2);
            rawVarint(data.length);
            out.writeBytes(data);
        }

        void string(int field, String s) {
            bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        void rawVarint(long value) {
            long v = value;
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        void rawFloat(float f) {
            int bits = Float.floatToIntBits(f);
            for (int i = 0; i < 4; i++) {
                out.write((bits >>> (8 * i)) & 0xFF);
            }
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}
