package io.moked.cli.sim;

import io.moked.audio.AudioFormat;
import io.moked.audio.MuLaw;
import io.moked.audio.Pcm16;
import io.moked.audio.Resampler;
import io.moked.audio.WavFormatException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The caller's side of a call recording (the appliance records stereo PCM16, caller left, agent right), cut into
 * the caller's turns by their stored offsets and encoded as the 8 kHz μ-law a simulated caller streams.
 */
public final class CallerChannel {
    /** Kept before a turn's stored start, so the VAD hears the speech onset it triggered on. */
    static final long LEAD_IN_MS = 200;
    /** Kept after a turn's stored end, so the end of the last word is not cut. */
    static final long TAIL_MS = 300;
    private static final int PCM = 1;
    private static final int STEREO = 2;
    private static final int BITS = 16;
    private static final int HEADER_SEARCH_BYTES = 12;

    /** A caller turn's span in the recording, milliseconds from the call's start. */
    public record Span(long startMs, long endMs) {
    }

    private CallerChannel() {
    }

    /** One μ-law clip per span, in order; a span past the end of the recording is an error. */
    public static List<byte[]> cut(Path wav, List<Span> spans) throws IOException {
        byte[] bytes = Files.readAllBytes(wav);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < HEADER_SEARCH_BYTES || buf.getInt(0) != 0x46464952 || buf.getInt(8) != 0x45564157) {
            throw new WavFormatException(wav + " is not a RIFF/WAVE file");
        }
        int rate = 0;
        int pos = HEADER_SEARCH_BYTES;
        while (pos + 8 <= bytes.length) {
            String id = new String(bytes, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
            int size = buf.getInt(pos + 4);
            int body = pos + 8;
            if (id.equals("fmt ")) {
                int tag = Short.toUnsignedInt(buf.getShort(body));
                int channels = Short.toUnsignedInt(buf.getShort(body + 2));
                rate = buf.getInt(body + 4);
                int bits = Short.toUnsignedInt(buf.getShort(body + 14));
                if (tag != PCM || channels != STEREO || bits != BITS) {
                    throw new WavFormatException(wav + " is not a call recording (stereo PCM16): format " + tag
                            + ", " + channels + " channels, " + bits + " bits");
                }
            } else if (id.equals("data")) {
                if (rate <= 0) {
                    throw new WavFormatException(wav + ": data before fmt");
                }
                int frames = Math.max(0, Math.min(size < 0 ? Integer.MAX_VALUE : size, bytes.length - body) / 4);
                return clips(buf, body, frames, rate, spans, wav);
            }
            pos = body + Math.max(0, size) + (size & 1);
        }
        throw new WavFormatException(wav + " has no audio");
    }

    private static List<byte[]> clips(ByteBuffer buf, int data, int frames, int rate, List<Span> spans, Path wav)
            throws WavFormatException {
        List<byte[]> clips = new ArrayList<>();
        long recordedMs = frames * 1000L / rate;
        for (Span s : spans) {
            if (s.startMs() >= recordedMs) {
                throw new WavFormatException("caller turn at " + s.startMs() + " ms is past the end of " + wav + " ("
                        + recordedMs + " ms)");
            }
            int from = (int) (Math.max(0, s.startMs() - LEAD_IN_MS) * rate / 1000);
            int to = (int) Math.min(frames, (s.endMs() + TAIL_MS) * rate / 1000);
            float[] left = new float[Math.max(0, to - from)];
            for (int f = from; f < to; f++) {
                left[f - from] = Pcm16.toFloat(buf.getShort(data + f * 4));
            }
            float[] phone = rate == AudioFormat.TELEPHONE_SAMPLE_RATE_HZ ? left
                    : Resampler.resampleAll(left, rate, AudioFormat.TELEPHONE_SAMPLE_RATE_HZ);
            clips.add(MuLaw.encode(Pcm16.toShort(phone)));
        }
        return clips;
    }
}
