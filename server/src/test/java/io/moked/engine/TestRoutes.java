package io.moked.engine;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Builds routers over fake engines with a manual clock (test code). */
public final class TestRoutes {
    private TestRoutes() {
    }

    public record Route(List<String> order, long timeoutMs, Map<String, Long> engineTimeoutMs, long maxDurationMs,
                        int failureThreshold, long coolDownMs, int threads, int queueCapacity) implements RouteConfig {
    }

    public static Route route(List<String> order, long timeoutMs, int failureThreshold, long coolDownMs) {
        return new Route(order, timeoutMs, Map.of(), 0, failureThreshold, coolDownMs, 2, 8);
    }

    /** Runtime with a manual clock for the breakers; the attempt timers are real (short timeouts in tests). */
    public static EngineRuntime runtime(AtomicLong clockMs, RouteConfig route) {
        return new EngineRuntime(new SimpleMeterRegistry(), clockMs::get,
                Map.of(EngineKind.STT, route, EngineKind.LLM, route, EngineKind.TTS, route));
    }
}
