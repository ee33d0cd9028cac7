package io.moked.engine;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The little WAV handling the engines need: encode a speech segment for an upload, and stream-decode a PCM16 WAV or raw
 * PCM16 response into chunks as bytes arrive (so a cloud voice starts playing before the whole file is downloaded).
 */
public final class Wav {
    private static final int PCM_FORMAT = 1;
    private static final int EXTENSIBLE_FORMAT = 0xFFFE;
    private static final int CHUNK_BYTES = 4800;

    private Wav() {
    }

    /** Receives decoded mono PCM16 chunks. */
    public interface ChunkSink {
        void onChunk(short[] pcm, int sampleRateHz);
    }

    /** Mono float samples in [-1, 1] → a 16-bit PCM WAV file. */
    public static byte[] encodePcm16(float[] samples, int sampleRateHz) {
        int dataBytes = samples.length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + dataBytes).put(new byte[] {'W', 'A', 'V', 'E'});
        b.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) PCM_FORMAT).putShort((short) 1)
                .putInt(sampleRateHz).putInt(sampleRateHz * 2).putShort((short) 2).putShort((short) 16);
        b.put(new byte[] {'d', 'a', 't', 'a'}).putInt(dataBytes);
        for (float s : samples) {
            float clamped = Math.max(-1f, Math.min(1f, s));
            b.putShort((short) Math.round(clamped * Short.MAX_VALUE));
        }
        return b.array();
    }

    /**
     * Reads a RIFF/WAVE stream (PCM 16-bit, mono or stereo — stereo is averaged to mono) and emits chunks until EOF.
     * The data chunk's size is ignored because streaming servers write 0 or 0xFFFFFFFF there.
     *
     * @return the sample rate
     */
    public static int streamWav(InputStream in, ChunkSink sink, java.util.function.BooleanSupplier stop) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] riff = data.readNBytes(12);
        if (riff.length < 12 || riff[0] != 'R' || riff[1] != 'I' || riff[2] != 'F' || riff[3] != 'F'
                || riff[8] != 'W' || riff[9] != 'A' || riff[10] != 'V' || riff[11] != 'E') {
            throw new IOException("not a RIFF/WAVE stream");
        }
        int sampleRate = -1;
        int channels = -1;
        while (true) {
            byte[] header = data.readNBytes(8);
            if (header.length < 8) {
                throw new EOFException("WAV stream ended before its data chunk");
            }
            String id = new String(header, 0, 4, java.nio.charset.StandardCharsets.US_ASCII);
            long size = ByteBuffer.wrap(header, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            if (id.equals("fmt ")) {
                ByteBuffer fmt = ByteBuffer.wrap(data.readNBytes((int) size)).order(ByteOrder.LITTLE_ENDIAN);
                int format = fmt.getShort() & 0xFFFF;
                channels = fmt.getShort();
                sampleRate = fmt.getInt();
                fmt.getInt();
                fmt.getShort();
                int bits = fmt.getShort();
                if ((format != PCM_FORMAT && format != EXTENSIBLE_FORMAT) || bits != 16 || channels < 1 || channels > 2) {
                    throw new IOException("unsupported WAV: format " + format + ", " + bits + " bits, " + channels
                            + " channels (need 16-bit PCM, mono or stereo)");
                }
                if ((size & 1) == 1) {
                    data.skipNBytes(1);
                }
            } else if (id.equals("data")) {
                if (sampleRate <= 0) {
                    throw new IOException("WAV data chunk before its fmt chunk");
                }
                streamPcm16(data, sampleRate, channels, sink, stop);
                return sampleRate;
            } else {
                data.skipNBytes(size + (size & 1));
            }
        }
    }

    /** Raw little-endian PCM16 until EOF. */
    public static void streamPcm16(InputStream in, int sampleRateHz, int channels, ChunkSink sink,
                                   java.util.function.BooleanSupplier stop) throws IOException {
        int frameBytes = 2 * channels;
        byte[] buf = new byte[CHUNK_BYTES - CHUNK_BYTES % frameBytes];
        ByteArrayOutputStream carry = new ByteArrayOutputStream();
        int n;
        while (!stop.getAsBoolean() && (n = in.read(buf)) >= 0) {
            carry.write(buf, 0, n);
            byte[] pending = carry.toByteArray();
            int usable = pending.length - pending.length % frameBytes;
            if (usable == 0) {
                continue;
            }
            sink.onChunk(toMono(pending, usable, channels), sampleRateHz);
            carry.reset();
            carry.write(pending, usable, pending.length - usable);
        }
    }

    private static short[] toMono(byte[] bytes, int length, int channels) {
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        short[] out = new short[length / (2 * channels)];
        for (int i = 0; i < out.length; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += b.getShort();
            }
            out[i] = (short) (sum / channels);
        }
        return out;
    }
}
