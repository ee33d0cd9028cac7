package io.moked.audio;

/**
 * G.711 μ-law codec (ITU-T G.711, as implemented by the ITU-T G.191 software tools: 14-bit magnitude, bias 33,
 * eight segments, bits inverted on the wire). Both directions are table lookups so the per-frame cost is one array
 * read per sample: a 256-entry decode table and a 64 K-entry encode table indexed by the 16-bit sample.
 *
 * <p>G.711 has two codes for zero (0xFF = +0, 0x7F = -0); both decode to 0 and 0 encodes to 0xFF, so 0x7F is the
 * only code that does not survive decode→encode unchanged.
 */
public final class MuLaw {
    /** Largest magnitude of the 14-bit biased value the G.711 segments cover (2^13 - 1). */
    private static final int MAX_BIASED_MAGNITUDE = 0x1FFF;
    /** Bias added to the 14-bit magnitude so segment boundaries fall on powers of two. */
    private static final int BIAS = 33;

    private static final short[] DECODE = new short[256];
    private static final byte[] ENCODE = new byte[65536];

    static {
        for (int code = 0; code < 256; code++) {
            DECODE[code] = computeDecode(code);
        }
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            ENCODE[sample & 0xFFFF] = computeEncode(sample);
        }
    }

    private MuLaw() {
    }

    /** Decodes one μ-law byte to a 16-bit linear sample. */
    public static short decode(byte code) {
        return DECODE[code & 0xFF];
    }

    /** Encodes one 16-bit linear sample to a μ-law byte. */
    public static byte encode(short sample) {
        return ENCODE[sample & 0xFFFF];
    }

    /** Decodes {@code len} μ-law bytes from {@code in[inOff]} into {@code out[outOff]}. */
    public static void decode(byte[] in, int inOff, short[] out, int outOff, int len) {
        for (int i = 0; i < len; i++) {
            out[outOff + i] = DECODE[in[inOff + i] & 0xFF];
        }
    }

    public static short[] decode(byte[] in) {
        short[] out = new short[in.length];
        decode(in, 0, out, 0, in.length);
        return out;
    }

    /** Encodes {@code len} samples from {@code in[inOff]} into μ-law bytes at {@code out[outOff]}. */
    public static void encode(short[] in, int inOff, byte[] out, int outOff, int len) {
        for (int i = 0; i < len; i++) {
            out[outOff + i] = ENCODE[in[inOff + i] & 0xFFFF];
        }
    }

    public static byte[] encode(short[] in) {
        byte[] out = new byte[in.length];
        encode(in, 0, out, 0, in.length);
        return out;
    }

    /** Decodes straight to float samples in [-1, 1) (saves one pass when the consumer wants floats). */
    public static void decodeToFloat(byte[] in, int inOff, float[] out, int outOff, int len) {
        for (int i = 0; i < len; i++) {
            out[outOff + i] = DECODE[in[inOff + i] & 0xFF] * Pcm16.SHORT_TO_FLOAT;
        }
    }

    private static short computeDecode(int code) {
        int inverted = ~code & 0xFF;
        int exponent = (inverted >> 4) & 0x07;
        int mantissa = inverted & 0x0F;
        // Reconstruct the middle of the quantisation interval in the 14-bit biased domain, remove the bias,
        // then scale back to 16 bits (the 14-bit value is left-justified).
        int biased = ((2 * mantissa + 33) << exponent) - BIAS;
        int linear = biased << 2;
        return (short) ((inverted & 0x80) != 0 ? -linear : linear);
    }

    private static byte computeEncode(int sample) {
        boolean negative = sample < 0;
        // G.711 works on the 14 most significant bits; negative values use the one's complement so that -1..-4
        // land on the (negative) zero interval symmetric to 0..3.
        int magnitude = (negative ? ~sample : sample) >> 2;
        int biased = Math.min(magnitude + BIAS, MAX_BIASED_MAGNITUDE);
        // Segment = position of the highest set bit above bit 5 (the bias makes the smallest value 33 = 0b100001).
        int exponent = 31 - Integer.numberOfLeadingZeros(biased) - 5;
        int mantissa = (biased >> (exponent + 1)) & 0x0F;
        int code = (exponent << 4) | mantissa;
        if (negative) {
            code |= 0x80; // inverted below: on the wire positive samples carry the high bit, negative ones do not
        }
        return (byte) ~code;
    }
}
