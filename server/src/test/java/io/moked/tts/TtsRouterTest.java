package io.moked.tts;

import io.moked.engine.Cancellation;
import io.moked.engine.EngineException;
import io.moked.engine.EngineKind;
import io.moked.engine.EngineRuntime;
import io.moked.engine.TestRoutes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TtsRouterTest {
    private static final long WAIT_S = 10;
    private EngineRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** Fake TTS (test code): two chunks per sentence, optionally failing after the first. */
    static final class FakeTts implements TtsEngine {
        final String name;
        final int rate;
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean failBeforeAudio;
        volatile boolean failAfterFirstChunk;

        FakeTts(String name, int rate) {
            this.name = name;
            this.rate = rate;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void synthesize(String text, String language, String voice, AudioSink sink, Cancellation cancel)
                throws EngineException {
            calls.incrementAndGet();
            if (failBeforeAudio) {
                throw new EngineException(name, "voice missing");
            }
            sink.onAudio(new short[] {1, 2, 3}, rate);
            if (failAfterFirstChunk) {
                throw new EngineException(name, "crashed mid-sentence");
            }
            sink.onAudio(new short[] {4, 5}, rate);
        }
    }

    private TtsRouter router(long cacheBytes, FakeTts... engines) {
        var route = TestRoutes.route(List.of(engines).stream().map(FakeTts::name).toList(), 2_000, 3, 30_000);
        runtime = TestRoutes.runtime(new AtomicLong(), route);
        return new TtsRouter(runtime.router(EngineKind.TTS, List.of(engines), TtsEngine::name, route),
                new TtsCache(cacheBytes));
    }

    @Test
    void preSynthesizedPhraseIsServedFromCacheWithoutInference() throws Exception {
        FakeTts piper = new FakeTts("piper", 22_050);
        TtsRouter router = router(1 << 20, piper);
        router.preSynthesize(List.of("שלום, הגעתם למשרד", "רגע אחד"), "he", "noa").get(WAIT_S, TimeUnit.SECONDS);
        assertEquals(2, piper.calls.get());

        List<short[]> heard = new ArrayList<>();
        TtsRouter.Synthesis s = router.synthesize(" שלום,  הגעתם למשרד ", "he", "noa",
                (pcm, rate) -> heard.add(pcm), new Cancellation()).get(0, TimeUnit.SECONDS);
        assertTrue(s.cached());
        assertEquals(2, piper.calls.get(), "no inference for a cached phrase");
        assertArrayEquals(new short[] {1, 2, 3, 4, 5}, heard.get(0));
        assertEquals(22_050, s.sampleRateHz());

        // another voice is another entry
        router.synthesize("רגע אחד", "he", "other", (pcm, rate) -> { }, new Cancellation()).get(WAIT_S,
                TimeUnit.SECONDS);
        assertEquals(3, piper.calls.get());
    }

    @Test
    void liveSentencesStreamChunksAndAreNotCached() throws Exception {
        FakeTts piper = new FakeTts("piper", 16_000);
        TtsRouter router = router(1 << 20, piper);
        List<short[]> heard = new ArrayList<>();
        TtsRouter.Synthesis s = router.synthesize("דירה בת ארבעה חדרים", "he", null, (pcm, rate) -> heard.add(pcm),
                new Cancellation()).get(WAIT_S, TimeUnit.SECONDS);
        assertEquals(2, heard.size(), "streamed as chunks");
        assertEquals(5, s.samples());
        assertFalse(s.cached());
        assertEquals(0, router.cache().size());
    }

    @Test
    void failureBeforeAudioFallsBackButAfterAudioDoesNot() throws Exception {
        FakeTts piper = new FakeTts("piper", 22_050);
        FakeTts cloud = new FakeTts("openai", 24_000);
        piper.failBeforeAudio = true;
        TtsRouter router = router(1 << 20, piper, cloud);
        assertEquals("openai", router.synthesize("א", "he", null, (p, r) -> { }, new Cancellation())
                .get(WAIT_S, TimeUnit.SECONDS).engine());

        piper.failBeforeAudio = false;
        piper.failAfterFirstChunk = true;
        List<Integer> rates = new ArrayList<>();
        ExecutionException e = assertThrows(ExecutionException.class, () -> router.synthesize("ב", "he", null,
                (p, r) -> rates.add(r), new Cancellation()).get(WAIT_S, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("partial output"));
        assertEquals(List.of(22_050), rates, "the caller heard piper's first chunk and nothing from another voice");
    }

    @Test
    void cachePrefersTheEngineThatWouldAnswerNow() throws Exception {
        FakeTts piper = new FakeTts("piper", 22_050);
        FakeTts cloud = new FakeTts("openai", 24_000);
        TtsRouter router = router(1 << 20, piper, cloud);
        router.cache().put("openai", null, "שלום", new TtsCache.Audio(new short[] {9}, 24_000));
        router.cache().put("piper", null, "שלום", new TtsCache.Audio(new short[] {7}, 22_050));
        assertEquals("piper", router.synthesize("שלום", "he", null, (p, r) -> { }, new Cancellation())
                .get(WAIT_S, TimeUnit.SECONDS).engine());
    }

    @Test
    void cacheEvictsLeastRecentlyUsedWithinItsByteBudget() {
        TtsCache cache = new TtsCache(10); // 5 samples
        cache.put("piper", null, "a", new TtsCache.Audio(new short[2], 8000));
        cache.put("piper", null, "b", new TtsCache.Audio(new short[2], 8000));
        assertTrue(cache.get("piper", null, "a").isPresent()); // a is now most recent
        cache.put("piper", null, "c", new TtsCache.Audio(new short[2], 8000));
        assertTrue(cache.get("piper", null, "a").isPresent());
        assertFalse(cache.get("piper", null, "b").isPresent(), "b was least recently used");
        assertTrue(cache.get("piper", null, "c").isPresent());
        assertTrue(cache.bytes() <= 10);
        assertFalse(cache.put("piper", null, "huge", new TtsCache.Audio(new short[6], 8000)), "over budget alone");
    }
}
