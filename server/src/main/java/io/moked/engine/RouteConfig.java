package io.moked.engine;

import java.util.List;
import java.util.Map;

/**
 * Routing settings of one engine kind (stt, llm, tts), bound from {@code moked.engines.<kind>.*}. See the documented
 * defaults in application.yml.
 */
public interface RouteConfig {
    /** Engine names in the order they are tried, e.g. {@code [whisper, openai]}. */
    List<String> order();

    /** Per-attempt deadline: for STT until the transcript, for LLM/TTS until the first streamed output. */
    long timeoutMs();

    /** Per-engine overrides of {@link #timeoutMs()}, by engine name; may be empty. */
    Map<String, Long> engineTimeoutMs();

    /** Hard cap on one streamed attempt after its first output (LLM/TTS); 0 = none. */
    long maxDurationMs();

    /** Consecutive failures that open an engine's circuit breaker. */
    int failureThreshold();

    /** How long an open breaker skips the engine before one trial call. */
    long coolDownMs();

    /** Default of {@link #remoteThreads()}: requests in flight towards remote engines of one kind. */
    int DEFAULT_REMOTE_THREADS = 64;

    /** Executor threads for local inference of this kind; 0 = number of CPU cores. */
    int threads();

    /**
     * Executor threads for {@link RemoteEngine}s of this kind: they wait on the network, not the CPU, so they are not
     * sized to the cores; this bounds the requests in flight towards the remote server.
     */
    default int remoteThreads() {
        return DEFAULT_REMOTE_THREADS;
    }

    /** Tasks that may wait for a thread (per executor: local and remote); beyond it a request fails fast (and the router tries the next engine). */
    int queueCapacity();

    default long timeoutMsFor(String engine) {
        Map<String, Long> overrides = engineTimeoutMs();
        Long ms = overrides == null ? null : overrides.get(engine);
        return ms != null && ms > 0 ? ms : timeoutMs();
    }

    default int effectiveThreads() {
        return threads() > 0 ? threads() : Runtime.getRuntime().availableProcessors();
    }
}
