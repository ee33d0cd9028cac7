package io.moked.testing;

import io.moked.engine.Cancellation;
import io.moked.tts.TtsEngine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test TTS: produces a tone of {@code msPerChar} per character at 16 kHz, in 100 ms chunks, faster than real time,
 * checking cancellation between chunks. Records the sentences it was asked to speak.
 */
public final class FakeTtsEngine implements TtsEngine {
    public static final int RATE_HZ = 16_000;
    private static final int CHUNK_MS = 100;
    public final List<String> sentences = new CopyOnWriteArrayList<>();
    public final AtomicInteger cancelled = new AtomicInteger();
    private final int msPerChar;
    private final long pauseBetweenChunksMs;

    public FakeTtsEngine(int msPerChar, long pauseBetweenChunksMs) {
        this.msPerChar = msPerChar;
        this.pauseBetweenChunksMs = pauseBetweenChunksMs;
    }

    @Override
    public String name() {
        return "fake-tts";
    }

    @Override
    public void synthesize(String text, String language, String voice, AudioSink sink, Cancellation cancel) {
        sentences.add(text);
        int totalMs = Math.max(CHUNK_MS, text.length() * msPerChar);
        int chunkSamples = RATE_HZ * CHUNK_MS / 1000;
        for (int done = 0; done < totalMs; done += CHUNK_MS) {
            if (cancel.isCancelled()) {
                cancelled.incrementAndGet();
                return;
            }
            short[] pcm = new short[chunkSamples];
            for (int i = 0; i < pcm.length; i++) {
                pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / RATE_HZ));
            }
            sink.onAudio(pcm, RATE_HZ);
            FakeLlmEngine.sleep(pauseBetweenChunksMs);
        }
    }
}
