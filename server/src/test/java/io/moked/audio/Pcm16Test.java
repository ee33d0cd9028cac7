package io.moked.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Pcm16Test {

    @Test
    void bytesAreLittleEndianSigned() {
        byte[] bytes = {0x34, 0x12, (byte) 0xFF, (byte) 0xFF, 0x00, (byte) 0x80, (byte) 0xFF, 0x7F};
        assertArrayEquals(new short[] {0x1234, -1, Short.MIN_VALUE, Short.MAX_VALUE}, Pcm16.fromBytesLE(bytes));
        assertArrayEquals(bytes, Pcm16.toBytesLE(Pcm16.fromBytesLE(bytes)));
    }

    @Test
    void oddOrShortBuffersAreRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pcm16.fromBytesLE(new byte[3]));
        assertEquals("PCM16 byte length must be even, got 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pcm16.fromBytesLE(new byte[4], 2, 2));
    }

    @Test
    void everyShortSurvivesFloatRoundTrip() {
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            assertEquals(s, Pcm16.toShort(Pcm16.toFloat((short) s)));
        }
    }

    @Test
    void floatsOutOfRangeClipInsteadOfWrapping() {
        assertEquals(Short.MAX_VALUE, Pcm16.toShort(1.5f));
        assertEquals(Short.MIN_VALUE, Pcm16.toShort(-1.5f));
        assertEquals(Short.MAX_VALUE, Pcm16.toShort(1.0f));
        assertEquals(16384, Pcm16.toShort(0.5f));
        assertEquals(-16384, Pcm16.toShort(-0.5f));
        assertEquals(-1.0f, Pcm16.toFloat(Short.MIN_VALUE));
    }

    @Test
    void arrayConversionsRespectOffsets() {
        short[] s = {1, 2, 3, 4};
        float[] f = Pcm16.toFloat(s, 1, 2);
        assertArrayEquals(new float[] {2 / 32768f, 3 / 32768f}, f);
        assertArrayEquals(new short[] {2, 3}, Pcm16.toShort(f));
        byte[] out = new byte[6];
        Pcm16.toBytesLE(s, 2, 2, out, 2);
        assertArrayEquals(new byte[] {0, 0, 3, 0, 4, 0}, out);
    }
}
