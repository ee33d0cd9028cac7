package io.moked.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.moked.engine.EngineKind;
import io.moked.engine.EngineRuntime;
import io.moked.engine.TestRoutes;
import io.moked.llm.LlmEngine;
import io.moked.llm.LlmRouter;
import io.moked.stt.SttEngine;
import io.moked.stt.SttRouter;
import io.moked.tts.TtsCache;
import io.moked.tts.TtsEngine;
import io.moked.tts.TtsRouter;

import java.util.List;
import java.util.Map;

/** The real engine routers (executors, timeouts, fallback) over fake engines, for pipeline tests. */
public final class TestEngines implements AutoCloseable {
    public final SttRouter stt;
    public final LlmRouter llm;
    public final TtsRouter tts;
    private final EngineRuntime runtime;

    public TestEngines(SttEngine stt, LlmEngine llm, TtsEngine tts) {
        TestRoutes.Route route = new TestRoutes.Route(List.of(), 5_000, Map.of(), 0, 3, 30_000, 4, 64);
        runtime = new EngineRuntime(new SimpleMeterRegistry(), System::currentTimeMillis,
                Map.of(EngineKind.STT, order(route, stt.name()), EngineKind.LLM, order(route, llm.name()),
                        EngineKind.TTS, order(route, tts.name())));
        this.stt = new SttRouter(runtime.router(EngineKind.STT, List.of(stt), SttEngine::name, order(route, stt.name())));
        this.llm = new LlmRouter(runtime.router(EngineKind.LLM, List.of(llm), LlmEngine::name, order(route, llm.name())));
        this.tts = new TtsRouter(runtime.router(EngineKind.TTS, List.of(tts), TtsEngine::name, order(route, tts.name())),
                new TtsCache(16 << 20));
    }

    private static TestRoutes.Route order(TestRoutes.Route r, String name) {
        return new TestRoutes.Route(List.of(name), r.timeoutMs(), r.engineTimeoutMs(), r.maxDurationMs(),
                r.failureThreshold(), r.coolDownMs(), r.threads(), r.queueCapacity());
    }

    @Override
    public void close() {
        runtime.close();
    }
}
