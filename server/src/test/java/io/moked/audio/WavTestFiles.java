package io.moked.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds WAV byte images in tests (any tag, bit depth, channel count). */
final class WavTestFiles {
    private WavTestFiles() {
    }

    static byte[] wav(int tag, int channels, int rate, int bits, byte[] data, boolean extensible) {
        int fmtSize = extensible ? 40 : 16;
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + fmtSize + 8 + data.length + (data.length & 1))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(b.capacity() - 8).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(fmtSize).putShort((short) (extensible ? 0xFFFE : tag))
                .putShort((short) channels).putInt(rate).putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8)).putShort((short) bits);
        if (extensible) {
            b.putShort((short) 22).putShort((short) bits).putInt(0).putShort((short) tag)
                    .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        }
        b.put("data".getBytes()).putInt(data.length).put(data);
        return b.array();
    }
}
