package io.moked.stt.whisper;

import io.moked.engine.SharedDir;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a small whisper.cpp model (ggml format, all F32) whose greedy decode is known in advance: it takes the
 * header's vocabulary and mel filters from whisper.cpp's {@code for-tests-ggml-tiny.bin} (which has no weights:
 * whisper.cpp then decodes from all-zero or uninitialized tensors, never emits end-of-text, fails the decode and
 * returns no segment — so no token probabilities to read) and adds every tensor of a 1-layer, 32-wide model
 * (ftype 1: matrices in F16 as whisper.cpp's convolution requires, vectors in F32).
 * <p>
 * All weights are zero except the token embedding and the decoder's final layer norm (weight 1): the residual stream
 * is then just the input token's embedding, and the logits are {@code LN(E[input]) · E[t]}. Embeddings in pairs of
 * opposite coordinates (zero mean) chain the decode: {@code <|notimestamps|>} → " כן" → " טוב" → end of text, with
 * " כן" at a logit of about 11.2 against about fifty thousand tokens at 0 (p ≈ 0.59), " טוב" at about 18.6 (p ≈ 0.99).
 * The probabilities whisper.cpp reports are then real outputs of its softmax over these logits.
 */
final class DesignedWhisperModel {
    static final String SOURCE = "whisper-for-tests-ggml-tiny.bin";
    static final int TOKEN_KEN = 44644;   // " כן"
    static final int TOKEN_TOV = 48606;   // " טוב"
    static final int TOKEN_EOT = 50257;
    static final int TOKEN_NOT = 50363;   // <|notimestamps|>: the last prompt token on the call path
    static final String TEXT = "כן טוב";
    static final int STATE = 32;
    private static final int MAGIC_BYTES = 4;
    private static final int HPARAMS = 11;
    private static final int FTYPE_F16 = 1;
    private static final int TYPE_F32 = 0;
    private static final int TYPE_F16 = 1;
    private static final float ALPHA = 1.4f;
    private static final float BETA = 1f;
    private static final float GAMMA = 4f;
    private static final float DELTA = 1f;
    private static final float EPSILON = 20f;

    private DesignedWhisperModel() {
    }

    /** Writes the model to {@code target} (about 7 MB) and returns it. */
    static Path write(Path target) throws IOException {
        byte[] source = Files.readAllBytes(SharedDir.models().resolve(SOURCE));
        ByteBuffer in = ByteBuffer.wrap(source).order(ByteOrder.LITTLE_ENDIAN);
        in.position(MAGIC_BYTES);
        int[] h = new int[HPARAMS];
        for (int i = 0; i < HPARAMS; i++) {
            h[i] = in.getInt();
        }
        int nVocab = h[0];
        int audioCtx = h[1];
        int textCtx = h[5];
        int mels = h[9];
        int vocabStart = in.position();   // mel filters + vocabulary, copied as they are
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(target),
                1 << 16))) {
            out.write(source, 0, MAGIC_BYTES);
            int[] hparams = {nVocab, audioCtx, STATE, 1, 1, textCtx, STATE, 1, 1, mels, FTYPE_F16};
            for (int v : hparams) {
                le(out, v);
            }
            out.write(source, vocabStart, source.length - vocabStart);
            encoder(out, audioCtx, mels);
            decoder(out, nVocab, textCtx);
        }
        return target;
    }

    private static void encoder(DataOutputStream out, int audioCtx, int mels) throws IOException {
        int s = STATE;
        zeros(out, "encoder.positional_embedding", s, audioCtx);
        zeroMatrix(out, "encoder.conv1.weight", 3, mels, s);
        zeros(out, "encoder.conv1.bias", 1, s);
        zeroMatrix(out, "encoder.conv2.weight", 3, s, s);
        zeros(out, "encoder.conv2.bias", 1, s);
        zeros(out, "encoder.ln_post.weight", s);
        zeros(out, "encoder.ln_post.bias", s);
        block(out, "encoder.blocks.0.", false);
    }

    private static void decoder(DataOutputStream out, int nVocab, int textCtx) throws IOException {
        int s = STATE;
        zeros(out, "decoder.positional_embedding", s, textCtx);
        float[] embedding = new float[s * nVocab];
        Map.of(TOKEN_NOT, new float[] {1, 0, 0},
                TOKEN_KEN, new float[] {ALPHA, BETA, 0},
                TOKEN_TOV, new float[] {0, GAMMA, DELTA},
                TOKEN_EOT, new float[] {0, 0, EPSILON}).forEach((token, pairs) -> {
                    for (int k = 0; k < pairs.length; k++) {
                        embedding[token * s + 2 * k] = pairs[k];
                        embedding[token * s + 2 * k + 1] = -pairs[k];
                    }
                });
        tensor(out, "decoder.token_embedding.weight", embedding, TYPE_F16, s, nVocab);
        float[] ones = new float[s];
        java.util.Arrays.fill(ones, 1f);
        tensor(out, "decoder.ln.weight", ones, TYPE_F32, s);
        zeros(out, "decoder.ln.bias", s);
        block(out, "decoder.blocks.0.", true);
    }

    private static void block(DataOutputStream out, String p, boolean cross) throws IOException {
        int s = STATE;
        zeros(out, p + "mlp_ln.weight", s);
        zeros(out, p + "mlp_ln.bias", s);
        zeroMatrix(out, p + "mlp.0.weight", s, 4 * s);
        zeros(out, p + "mlp.0.bias", 4 * s);
        zeroMatrix(out, p + "mlp.2.weight", 4 * s, s);
        zeros(out, p + "mlp.2.bias", s);
        attention(out, p + "attn");
        if (cross) {
            attention(out, p + "cross_attn");
        }
    }

    private static void attention(DataOutputStream out, String p) throws IOException {
        int s = STATE;
        zeros(out, p + "_ln.weight", s);
        zeros(out, p + "_ln.bias", s);
        zeroMatrix(out, p + ".query.weight", s, s);
        zeros(out, p + ".query.bias", s);
        zeroMatrix(out, p + ".key.weight", s, s);
        zeroMatrix(out, p + ".value.weight", s, s);
        zeros(out, p + ".value.bias", s);
        zeroMatrix(out, p + ".out.weight", s, s);
        zeros(out, p + ".out.bias", s);
    }

    private static void zeros(DataOutputStream out, String name, int... dims) throws IOException {
        tensor(out, name, new float[count(dims)], TYPE_F32, dims);
    }

    private static void zeroMatrix(DataOutputStream out, String name, int... dims) throws IOException {
        tensor(out, name, new float[count(dims)], TYPE_F16, dims);
    }

    private static int count(int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** One tensor record: n_dims, name length, type (0 = F32, 1 = F16), dims (innermost first), name, data. */
    private static void tensor(DataOutputStream out, String name, float[] data, int type, int... dims)
            throws IOException {
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        le(out, dims.length);
        le(out, n.length);
        le(out, type);
        for (int d : dims) {
            le(out, d);
        }
        out.write(n);
        if (type == TYPE_F32) {
            ByteBuffer buf = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(data);
            out.write(buf.array());
        } else {
            ByteBuffer buf = ByteBuffer.allocate(data.length * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : data) {
                buf.putShort(half(v));
            }
            out.write(buf.array());
        }
    }

    /** IEEE 754 half precision of 0 or a normal value in half's range (all this model uses), rounded to nearest. */
    static short half(float v) {
        if (v == 0f) {
            return 0;
        }
        int bits = Float.floatToIntBits(v);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = ((bits >>> 23) & 0xff) - 127 + 15;
        if (exponent <= 0 || exponent >= 31) {
            throw new IllegalArgumentException(v + " is not a normal half-precision value");
        }
        int mantissa = bits & 0x7fffff;
        int rounded = (exponent << 10 | mantissa >>> 13) + ((mantissa >>> 12) & 1);
        return (short) (sign | rounded);
    }

    private static void le(OutputStream out, int v) throws IOException {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
