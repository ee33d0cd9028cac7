package io.moked.stt;

import io.moked.engine.Cancellation;
import io.moked.engine.EngineKind;
import io.moked.engine.EngineRouter;
import io.moked.engine.EngineRuntime;
import io.moked.engine.KindRouter;
import io.moked.engine.SttRouteConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Speech-to-text for the call pipeline: the configured engines in order ({@code moked.engines.stt.order}), with
 * timeout, fallback and circuit breakers (see {@link EngineRouter}). Safe to call from any thread, including a Netty
 * event loop: the work runs on the bounded STT executor.
 */
@Singleton
public class SttRouter extends KindRouter<SttEngine> {

    @Inject
    public SttRouter(List<SttEngine> engines, SttRouteConfig config, EngineRuntime runtime) {
        this(runtime.router(EngineKind.STT, engines, SttEngine::name, config));
    }

    public SttRouter(EngineRouter<SttEngine> router) {
        super(router, SttEngine::warmUp);
    }

    /**
     * @param pcm16k   one speech segment, mono 16 kHz float samples in [-1, 1]; not copied, do not modify it after
     * @param language BCP-47 primary language, e.g. "he"
     * @return the transcript of the first engine that answered; fails with an {@code EngineException} listing every
     *         engine's failure when none could
     */
    public CompletableFuture<SttEngine.Transcript> transcribe(float[] pcm16k, String language) {
        return router.route((engine, attempt) -> engine.transcribe(pcm16k, language), Cancellation.none());
    }
}
