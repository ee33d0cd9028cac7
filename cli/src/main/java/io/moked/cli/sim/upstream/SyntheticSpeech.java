package io.moked.cli.sim.upstream;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The simulator's "speech": a clean sine tone whose length is proportional to the text. It is deliberately not
 * speech-like, so nobody can mistake it for a model's output; WAV output also carries a LIST/INFO comment saying so.
 */
final class SyntheticSpeech {
    static final String LABEL = "moked-upstream-sim: synthetic test tone, not speech";
    private static final int FADE_MS = 10;
    private static final int BYTES_PER_SAMPLE = 2;

    private SyntheticSpeech() {
    }

    static long durationMs(String text, SimScript.Speech speech) {
        return (long) Math.max(1, text.codePointCount(0, text.length())) * speech.msPerChar();
    }

    /** Mono 16-bit little-endian PCM at {@code speech.sampleRateHz()}. */
    static byte[] pcm16le(String text, SimScript.Speech speech) {
        int rate = speech.sampleRateHz();
        int samples = (int) (durationMs(text, speech) * rate / 1000);
        int fade = Math.min(samples / 2, rate * FADE_MS / 1000);
        ByteBuffer out = ByteBuffer.allocate(samples * BYTES_PER_SAMPLE).order(ByteOrder.LITTLE_ENDIAN);
        double step = 2 * Math.PI * speech.toneHz() / rate;
        for (int i = 0; i < samples; i++) {
            // short linear fades so the tone starts and stops without clicks
            double envelope = Math.min(1.0, Math.min(i, samples - 1 - i) / (double) Math.max(1, fade));
            out.putShort((short) Math.round(Math.sin(step * i) * speech.amplitude() * envelope * Short.MAX_VALUE));
        }
        return out.array();
    }

    /** RIFF/WAVE header (PCM, mono, 16-bit) with a LIST/INFO/ICMT chunk labelling the audio, before the data chunk. */
    static byte[] wavHeader(int dataBytes, int sampleRateHz) {
        byte[] label = (LABEL + '\0').getBytes(StandardCharsets.US_ASCII);
        int labelPadded = label.length + (label.length & 1);
        int listBytes = 4 + 8 + labelPadded;
        int headerBytes = 12 + 24 + 8 + listBytes + 8;
        ByteBuffer b = ByteBuffer.allocate(headerBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(headerBytes - 8 + dataBytes).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRateHz)
                .putInt(sampleRateHz * BYTES_PER_SAMPLE).putShort((short) BYTES_PER_SAMPLE).putShort((short) 16);
        b.put(ascii("LIST")).putInt(listBytes).put(ascii("INFO")).put(ascii("ICMT")).putInt(label.length).put(label);
        if ((label.length & 1) == 1) {
            b.put((byte) 0);
        }
        b.put(ascii("data")).putInt(dataBytes);
        return b.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
