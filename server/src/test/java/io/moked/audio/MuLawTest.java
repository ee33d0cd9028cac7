package io.moked.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MuLawTest {

    /**
     * Straightforward G.711 μ-law compressor following the ITU-T G.191 procedure step by step (14-bit magnitude,
     * one's complement for negatives, bias 33, segment found by shifting, nibbles inverted). Deliberately written
     * differently from the table builder in {@link MuLaw} so the two check each other.
     */
    static int referenceEncode(short linear) {
        int absno = linear < 0 ? ((~linear) >> 2) + 33 : (linear >> 2) + 33;
        if (absno > 0x1FFF) {
            absno = 0x1FFF;
        }
        int i = absno >> 6;
        int segno = 1;
        while (i != 0) {
            segno++;
            i >>= 1;
        }
        int highNibble = 0x0008 - segno;
        int lowNibble = 0x000F - ((absno >> segno) & 0x000F);
        int out = (highNibble << 4) | lowNibble;
        if (linear >= 0) {
            out |= 0x0080;
        }
        return out;
    }

    /** G.191 expander: the middle of the quantisation interval, in 16-bit left-justified units. */
    static int referenceDecode(int code) {
        int sign = code < 0x80 ? -1 : 1;
        int mantissa = ~code;
        int exponent = (mantissa >> 4) & 0x07;
        int segment = exponent + 1;
        mantissa &= 0x0F;
        int step = 4 << segment;
        return sign * ((0x80 << exponent) + step * mantissa + step / 2 - 4 * 33);
    }

    @Test
    void decodeTableMatchesReferenceForAll256Codes() {
        for (int code = 0; code < 256; code++) {
            assertEquals(referenceDecode(code), MuLaw.decode((byte) code), "code 0x" + Integer.toHexString(code));
        }
    }

    @Test
    void encodeTableMatchesReferenceForEvery16BitSample() {
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            assertEquals(referenceEncode((short) s), MuLaw.encode((short) s) & 0xFF, "sample " + s);
        }
    }

    @Test
    void knownCodePoints() {
        assertEquals((byte) 0xFF, MuLaw.encode((short) 0));
        assertEquals(0, MuLaw.decode((byte) 0xFF));
        assertEquals(0, MuLaw.decode((byte) 0x7F));
        // Largest magnitudes: 0x80 = +32124, 0x00 = -32124 (G.711 full scale in 16-bit units)
        assertEquals(32124, MuLaw.decode((byte) 0x80));
        assertEquals(-32124, MuLaw.decode((byte) 0x00));
        assertEquals((byte) 0x80, MuLaw.encode(Short.MAX_VALUE));
        assertEquals((byte) 0x00, MuLaw.encode(Short.MIN_VALUE));
    }

    @Test
    void everyCodeSurvivesDecodeEncodeExceptNegativeZero() {
        for (int code = 0; code < 256; code++) {
            int again = MuLaw.encode(MuLaw.decode((byte) code)) & 0xFF;
            if (code == 0x7F) {
                assertEquals(0xFF, again, "-0 comes back as +0 (both decode to 0)");
            } else {
                assertEquals(code, again, "code 0x" + Integer.toHexString(code));
            }
        }
    }

    @Test
    void decodedValuesAreStrictlyMonotonicInCodeOrder() {
        // Positive codes 0xFF (0) down to 0x80 (max) must increase; this catches swapped nibbles or signs.
        int previous = -1;
        for (int code = 0xFF; code >= 0x80; code--) {
            int v = MuLaw.decode((byte) code);
            assertTrue(v > previous, "not increasing at 0x" + Integer.toHexString(code));
            previous = v;
        }
        for (int code = 0; code < 0x80; code++) {
            assertEquals(-MuLaw.decode((byte) (code | 0x80)), MuLaw.decode((byte) code), "symmetry");
        }
    }

    @Test
    void pcmRoundTripErrorIsBoundedByHalfTheSegmentStep() {
        int worstRelativeAbove1000 = 0;
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            int back = MuLaw.decode(MuLaw.encode((short) s));
            int magnitude = Math.abs(s);
            int error = Math.abs(back - s);
            if (magnitude <= 32124) {
                // interval width in 16-bit units is 8 << exponent; exponent grows with log2 of the magnitude
                int biased = Math.min(((s < 0 ? ~s : s) >> 2) + 33, 0x1FFF);
                int exponent = 31 - Integer.numberOfLeadingZeros(biased) - 5;
                int halfStep = 4 << exponent;
                // +4: one's complement on negatives and the 2 dropped LSBs shift the interval by up to 4
                assertTrue(error <= halfStep + 4, "sample " + s + " -> " + back + " error " + error);
            } else {
                assertEquals(32124, Math.abs(back), "clipped to full scale: " + s);
            }
            if (magnitude > 1000 && magnitude <= 32124) {
                worstRelativeAbove1000 = Math.max(worstRelativeAbove1000, error * 10000 / magnitude);
            }
            assertEquals(Integer.signum(s) == -1 && back != 0, back < 0, "sign kept for " + s);
        }
        // μ-law keeps roughly constant relative precision: half a step is ~3.1 % of a segment's lowest value,
        // plus the bias/LSB offset near segment starts.
        assertTrue(worstRelativeAbove1000 <= 350, "worst relative error (basis points): " + worstRelativeAbove1000);
    }

    @Test
    void arrayFormsMatchScalarForms() {
        short[] pcm = {0, 1, -5, 100, -100, 12345, -12345, Short.MAX_VALUE, Short.MIN_VALUE};
        byte[] ulaw = MuLaw.encode(pcm);
        for (int i = 0; i < pcm.length; i++) {
            assertEquals(MuLaw.encode(pcm[i]), ulaw[i]);
        }
        short[] decoded = MuLaw.decode(ulaw);
        float[] floats = new float[ulaw.length];
        MuLaw.decodeToFloat(ulaw, 0, floats, 0, ulaw.length);
        for (int i = 0; i < pcm.length; i++) {
            assertEquals(MuLaw.decode(ulaw[i]), decoded[i]);
            assertEquals(decoded[i] / 32768f, floats[i], 0f);
        }
        assertArrayEquals(ulaw, MuLaw.encode(MuLaw.decode(ulaw)));
    }
}
