package io.moked.audio;

/** Signed 16-bit little-endian PCM helpers: bytes ⇄ samples, samples ⇄ floats in [-1, 1]. */
public final class Pcm16 {
    public static final int BYTES_PER_SAMPLE = 2;
    /** Scale from a 16-bit sample to a float in [-1, 1). */
    public static final float SHORT_TO_FLOAT = 1.0f / 32768.0f;

    private Pcm16() {
    }

    /** Reads {@code count} little-endian samples starting at {@code in[off]}. */
    public static short[] fromBytesLE(byte[] in, int off, int count) {
        if (off < 0 || count < 0 || off + (long) count * BYTES_PER_SAMPLE > in.length) {
            throw new IllegalArgumentException("PCM16 buffer too short: need " + count + " samples at offset " + off
                    + " in " + in.length + " bytes");
        }
        short[] out = new short[count];
        for (int i = 0, p = off; i < count; i++, p += 2) {
            out[i] = (short) ((in[p] & 0xFF) | (in[p + 1] << 8));
        }
        return out;
    }

    /** Whole byte array as samples; the length must be even. */
    public static short[] fromBytesLE(byte[] in) {
        if ((in.length & 1) != 0) {
            throw new IllegalArgumentException("PCM16 byte length must be even, got " + in.length);
        }
        return fromBytesLE(in, 0, in.length / 2);
    }

    public static byte[] toBytesLE(short[] in) {
        return toBytesLE(in, 0, in.length);
    }

    public static byte[] toBytesLE(short[] in, int off, int len) {
        byte[] out = new byte[len * BYTES_PER_SAMPLE];
        toBytesLE(in, off, len, out, 0);
        return out;
    }

    public static void toBytesLE(short[] in, int off, int len, byte[] out, int outOff) {
        for (int i = 0, p = outOff; i < len; i++, p += 2) {
            short s = in[off + i];
            out[p] = (byte) s;
            out[p + 1] = (byte) (s >> 8);
        }
    }

    public static float toFloat(short sample) {
        return sample * SHORT_TO_FLOAT;
    }

    /** Rounds to the nearest 16-bit value; values outside [-1, 1] are clipped rather than wrapped. */
    public static short toShort(float sample) {
        float scaled = sample * 32768.0f;
        if (scaled >= Short.MAX_VALUE) {
            return Short.MAX_VALUE;
        }
        if (scaled <= Short.MIN_VALUE) {
            return Short.MIN_VALUE;
        }
        return (short) Math.round(scaled);
    }

    public static float[] toFloat(short[] in) {
        return toFloat(in, 0, in.length);
    }

    public static float[] toFloat(short[] in, int off, int len) {
        float[] out = new float[len];
        for (int i = 0; i < len; i++) {
            out[i] = in[off + i] * SHORT_TO_FLOAT;
        }
        return out;
    }

    public static short[] toShort(float[] in) {
        return toShort(in, 0, in.length);
    }

    public static short[] toShort(float[] in, int off, int len) {
        short[] out = new short[len];
        for (int i = 0; i < len; i++) {
            out[i] = toShort(in[off + i]);
        }
        return out;
    }
}
