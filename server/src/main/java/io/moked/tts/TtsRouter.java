package io.moked.tts;

import io.moked.engine.Cancellation;
import io.moked.engine.EngineKind;
import io.moked.engine.EngineRouter;
import io.moked.engine.EngineRuntime;
import io.moked.engine.KindRouter;
import io.moked.engine.TtsRouteConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Text-to-speech for the call pipeline: the phrase cache first, then the configured engines in order
 * ({@code moked.engines.tts.order}) with first-audio timeout, fallback and circuit breakers (see
 * {@link EngineRouter}). Audio reaches the sink as mono PCM16 at the engine's rate; the pipeline resamples to 8 kHz.
 * <p>
 * Partial output: an engine that fails before its first audio chunk is replaced by the next one. After the first
 * chunk the sentence is committed to that engine; a later failure completes the future exceptionally (the caller
 * heard part of the sentence; repeating it in another voice would be worse than stopping).
 */
@Singleton
public class TtsRouter extends KindRouter<TtsEngine> {
    private final TtsCache cache;

    @Inject
    public TtsRouter(List<TtsEngine> engines, TtsRouteConfig config, TtsCacheConfig cacheConfig,
                     EngineRuntime runtime) {
        this(runtime.router(EngineKind.TTS, engines, TtsEngine::name, config), new TtsCache(cacheConfig.maxBytes()));
    }

    public TtsRouter(EngineRouter<TtsEngine> router, TtsCache cache) {
        super(router, TtsEngine::warmUp);
        this.cache = cache;
    }

    /** What produced a sentence's audio. */
    public record Synthesis(String engine, int sampleRateHz, long samples, boolean cached, boolean cancelled) {
    }

    /**
     * Speaks one sentence (already normalised for speech). A phrase in the cache is delivered to {@code sink} at once,
     * on the calling thread (one memory copy, no inference); anything else runs on the TTS executor.
     *
     * @param voice voice id from tenant config, or null for each engine's default
     */
    public CompletableFuture<Synthesis> synthesize(String text, String language, String voice,
                                                   TtsEngine.AudioSink sink, Cancellation cancel) {
        Optional<Cached> hit = lookup(voice, text);
        if (hit.isPresent()) {
            TtsCache.Audio audio = hit.get().audio();
            sink.onAudio(audio.pcm().clone(), audio.sampleRateHz());
            return CompletableFuture.completedFuture(
                    new Synthesis(hit.get().engine(), audio.sampleRateHz(), audio.pcm().length, true, false));
        }
        return router.route((engine, attempt) -> {
            Collector collector = new Collector(chunk -> sink.onAudio(chunk.pcm(), chunk.sampleRateHz()));
            engine.synthesize(text, language, voice,
                    (pcm, rate) -> attempt.deliver(() -> collector.onAudio(pcm, rate)), attempt.cancellation());
            return new Synthesis(engine.name(), collector.sampleRateHz, collector.samples, false,
                    attempt.cancellation().isCancelled());
        }, cancel);
    }

    /**
     * Synthesizes phrases ahead into the cache (tenant greeting, fixed phrases) so they play without inference
     * latency. Phrases already cached for the preferred engine are skipped. Completes when all are done; fails if
     * any phrase could not be synthesized by any engine.
     */
    public CompletableFuture<Void> preSynthesize(List<String> phrases, String language, String voice) {
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (String phrase : new LinkedHashSet<>(phrases)) {
            if (phrase == null || TtsCache.normalize(phrase).isEmpty() || lookupPreferred(voice, phrase)) {
                continue;
            }
            all.add(router.route((engine, attempt) -> {
                Collector collector = new Collector(null);
                engine.synthesize(phrase, language, voice,
                        (pcm, rate) -> attempt.deliver(() -> collector.onAudio(pcm, rate)), attempt.cancellation());
                if (collector.samples == 0) {
                    throw new io.moked.engine.EngineException(engine.name(), "produced no audio for a phrase");
                }
                cache.put(engine.name(), voice, phrase, new TtsCache.Audio(collector.pcm(), collector.sampleRateHz));
                return null;
            }, Cancellation.none()));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    public TtsCache cache() {
        return cache;
    }

    private boolean lookupPreferred(String voice, String text) {
        List<TtsEngine> usable = router.usableEngines();
        return !usable.isEmpty() && cache.get(usable.get(0).name(), voice, text).isPresent();
    }

    /** Prefers the audio of the engine that would answer now, so cached and live sentences share a voice. */
    private Optional<Cached> lookup(String voice, String text) {
        for (TtsEngine engine : router.usableEngines()) {
            Optional<TtsCache.Audio> audio = cache.get(engine.name(), voice, text);
            if (audio.isPresent()) {
                return Optional.of(new Cached(engine.name(), audio.get()));
            }
        }
        for (String name : router.engineNames()) {
            Optional<TtsCache.Audio> audio = cache.get(name, voice, text);
            if (audio.isPresent()) {
                return Optional.of(new Cached(name, audio.get()));
            }
        }
        return Optional.empty();
    }

    private record Cached(String engine, TtsCache.Audio audio) {
    }

    /** Forwards chunks (if a sink is given) and keeps a copy for the cache / the result summary. */
    private static final class Collector {
        private final java.util.function.Consumer<TtsCache.Audio> forward;
        private final List<short[]> chunks = new ArrayList<>();
        int sampleRateHz;
        long samples;

        Collector(java.util.function.Consumer<TtsCache.Audio> forward) {
            this.forward = forward;
        }

        void onAudio(short[] pcm, int rate) {
            sampleRateHz = rate;
            samples += pcm.length;
            if (forward != null) {
                forward.accept(new TtsCache.Audio(pcm, rate));
            } else {
                chunks.add(pcm.clone());
            }
        }

        short[] pcm() {
            short[] all = new short[(int) samples];
            int at = 0;
            for (short[] c : chunks) {
                System.arraycopy(c, 0, all, at, c.length);
                at += c.length;
            }
            return all;
        }
    }
}
