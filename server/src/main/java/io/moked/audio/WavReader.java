package io.moked.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads WAV files (PCM 8/16/24/32-bit, IEEE float 32/64-bit, G.711 μ-law and A-law; plain or
 * WAVE_FORMAT_EXTENSIBLE; any rate, any channel count) into mono float PCM, optionally resampled. Channels are
 * averaged. A data chunk whose declared size is missing (0), streaming-style (0xFFFFFFFF) or longer than the file
 * (a recording cut short by a crash) is read up to the last whole frame in the file.
 */
public final class WavReader {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_IEEE_FLOAT = 3;
    private static final int FORMAT_ALAW = 6;
    private static final int FORMAT_MULAW = 7;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private WavReader() {
    }

    /** What the file declared. */
    public record Format(int formatTag, int channels, int sampleRateHz, int bitsPerSample) {
    }

    /** Mono audio at {@code sampleRateHz}, samples in [-1, 1]. */
    public record Audio(float[] samples, int sampleRateHz, Format source) {
        public long durationMs() {
            return AudioFormat.millisFor(samples.length, sampleRateHz);
        }

        /** The same audio at another rate (whole-buffer resampling, delay compensated). */
        public Audio resampledTo(int targetRateHz) {
            if (targetRateHz == sampleRateHz) {
                return this;
            }
            return new Audio(Resampler.resampleAll(samples, sampleRateHz, targetRateHz), targetRateHz, source);
        }

        public short[] toPcm16() {
            return Pcm16.toShort(samples);
        }
    }

    public static Audio read(Path file) throws IOException {
        try {
            return read(Files.readAllBytes(file));
        } catch (WavFormatException e) {
            throw new WavFormatException(file + ": " + e.getMessage());
        }
    }

    /** Reads the whole file and converts it to mono at {@code targetRateHz}. */
    public static Audio read(Path file, int targetRateHz) throws IOException {
        return read(file).resampledTo(targetRateHz);
    }

    public static Audio read(InputStream in) throws IOException {
        return read(in.readAllBytes());
    }

    public static Audio read(byte[] bytes) throws WavFormatException {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !"RIFF".equals(fourCc(buf, 0)) || !"WAVE".equals(fourCc(buf, 8))) {
            throw new WavFormatException("not a RIFF/WAVE file");
        }
        Format format = null;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = fourCc(buf, pos);
            long size = Integer.toUnsignedLong(buf.getInt(pos + 4));
            int body = pos + 8;
            if ("fmt ".equals(id)) {
                format = parseFormat(buf, body, size);
            } else if ("data".equals(id)) {
                if (format == null) {
                    throw new WavFormatException("data chunk before fmt chunk");
                }
                long available = bytes.length - body;
                long length = size == 0 || size > available ? available : size;
                return new Audio(decode(buf, body, length, format), format.sampleRateHz(), format);
            }
            pos = (int) Math.min(bytes.length, body + size + (size & 1)); // chunks are padded to even sizes
        }
        throw new WavFormatException(format == null ? "no fmt chunk" : "no data chunk");
    }

    private static Format parseFormat(ByteBuffer buf, int body, long size) throws WavFormatException {
        if (size < 16 || body + 16 > buf.limit()) {
            throw new WavFormatException("fmt chunk too short (" + size + " bytes)");
        }
        int tag = Short.toUnsignedInt(buf.getShort(body));
        int channels = Short.toUnsignedInt(buf.getShort(body + 2));
        int rate = buf.getInt(body + 4);
        int bits = Short.toUnsignedInt(buf.getShort(body + 14));
        if (tag == FORMAT_EXTENSIBLE) {
            if (size < 40 || body + 40 > buf.limit()) {
                throw new WavFormatException("WAVE_FORMAT_EXTENSIBLE fmt chunk too short (" + size + " bytes)");
            }
            tag = Short.toUnsignedInt(buf.getShort(body + 24)); // first two bytes of the sub-format GUID
        }
        if (channels < 1 || rate <= 0) {
            throw new WavFormatException("invalid fmt: " + channels + " channels at " + rate + " Hz");
        }
        boolean supported = switch (tag) {
            case FORMAT_PCM -> bits == 8 || bits == 16 || bits == 24 || bits == 32;
            case FORMAT_IEEE_FLOAT -> bits == 32 || bits == 64;
            case FORMAT_MULAW, FORMAT_ALAW -> bits == 8;
            default -> false;
        };
        if (!supported) {
            throw new WavFormatException("unsupported encoding: format tag " + tag + ", " + bits
                    + " bits (supported: PCM 8/16/24/32, float 32/64, μ-law, A-law)");
        }
        return new Format(tag, channels, rate, bits);
    }

    private static float[] decode(ByteBuffer buf, int offset, long length, Format format) {
        int bytesPerSample = format.bitsPerSample() / 8;
        int channels = format.channels();
        int frameBytes = bytesPerSample * channels;
        int frames = (int) (length / frameBytes);
        float[] out = new float[frames];
        float scale = 1.0f / channels;
        for (int f = 0; f < frames; f++) {
            float sum = 0;
            int p = offset + f * frameBytes;
            for (int c = 0; c < channels; c++, p += bytesPerSample) {
                sum += sample(buf, p, format);
            }
            out[f] = sum * scale;
        }
        return out;
    }

    private static float sample(ByteBuffer buf, int p, Format format) {
        switch (format.formatTag()) {
            case FORMAT_MULAW:
                return MuLaw.decode(buf.get(p)) * Pcm16.SHORT_TO_FLOAT;
            case FORMAT_ALAW:
                return decodeALaw(buf.get(p)) * Pcm16.SHORT_TO_FLOAT;
            case FORMAT_IEEE_FLOAT:
                return format.bitsPerSample() == 32 ? buf.getFloat(p) : (float) buf.getDouble(p);
            default:
                switch (format.bitsPerSample()) {
                    case 8:
                        return ((buf.get(p) & 0xFF) - 128) / 128.0f; // 8-bit WAV PCM is unsigned
                    case 16:
                        return buf.getShort(p) * Pcm16.SHORT_TO_FLOAT;
                    case 24:
                        int v = (buf.get(p) & 0xFF) | ((buf.get(p + 1) & 0xFF) << 8) | (buf.get(p + 2) << 16);
                        return v / 8388608.0f;
                    default:
                        return (float) (buf.getInt(p) / 2147483648.0);
                }
        }
    }

    /** G.711 A-law expansion (even bits inverted on the wire, 13-bit magnitude). */
    private static short decodeALaw(byte code) {
        int a = (code ^ 0x55) & 0xFF;
        int exponent = (a >> 4) & 0x07;
        int mantissa = a & 0x0F;
        int magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
    }

    private static String fourCc(ByteBuffer buf, int pos) {
        byte[] id = new byte[4];
        for (int i = 0; i < 4; i++) {
            id[i] = buf.get(pos + i);
        }
        return new String(id, StandardCharsets.US_ASCII);
    }
}
