package io.moked.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads evaluation WAV files (PCM 16/32-bit, IEEE float 32-bit, μ-law) as mono 16 kHz floats (test code). */
public final class TestWav {
    private TestWav() {
    }

    public static float[] read16k(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(12);
        int format = 0;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (b.remaining() >= 8) {
            byte[] id = new byte[4];
            b.get(id);
            int size = b.getInt();
            String name = new String(id, java.nio.charset.StandardCharsets.US_ASCII);
            if (name.equals("fmt ")) {
                int at = b.position();
                format = b.getShort() & 0xFFFF;
                channels = b.getShort();
                rate = b.getInt();
                b.getInt();
                b.getShort();
                bits = b.getShort();
                if (format == 0xFFFE && size >= 40) {
                    b.position(at + 24);
                    format = b.getShort() & 0xFFFF;
                }
                b.position(at + size + (size & 1));
            } else if (name.equals("data")) {
                int frames = Math.min(size, b.remaining()) / (bits / 8 * channels);
                float[] mono = new float[frames];
                for (int i = 0; i < frames; i++) {
                    float sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += sample(b, format, bits);
                    }
                    mono[i] = sum / channels;
                }
                return resample(mono, rate, 16_000);
            } else {
                b.position(b.position() + size + (size & 1));
            }
        }
        throw new IOException("no data chunk in " + file);
    }

    private static float sample(ByteBuffer b, int format, int bits) throws IOException {
        if (format == 3 && bits == 32) {
            return b.getFloat();
        }
        if (format == 1 && bits == 16) {
            return b.getShort() / 32768f;
        }
        if (format == 1 && bits == 32) {
            return b.getInt() / 2147483648f;
        }
        if (format == 7 && bits == 8) {
            int u = ~b.get() & 0xFF;
            int t = ((u & 0x0F) << 3) + 0x84;
            t <<= (u & 0x70) >> 4;
            return ((u & 0x80) != 0 ? (0x84 - t) : (t - 0x84)) / 32768f;
        }
        throw new IOException("unsupported WAV format " + format + "/" + bits + " bits");
    }

    private static float[] resample(float[] in, int from, int to) {
        if (from == to) {
            return in;
        }
        int n = (int) ((long) in.length * to / from);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double src = (double) i * from / to;
            int j = (int) src;
            double frac = src - j;
            float a = in[Math.min(j, in.length - 1)];
            float c = in[Math.min(j + 1, in.length - 1)];
            out[i] = (float) (a + (c - a) * frac);
        }
        return out;
    }
}
