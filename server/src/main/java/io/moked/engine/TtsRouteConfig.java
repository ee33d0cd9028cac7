package io.moked.engine;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;
import java.util.Map;

/** Routing of the tts engines: {@code moked.engines.tts.*} (see {@link RouteConfig} and application.yml). */
@ConfigurationProperties("moked.engines.tts")
public record TtsRouteConfig(
        @Bindable(defaultValue = "piper,openai") List<String> order,
        @Bindable(defaultValue = "4000") long timeoutMs,
        @Nullable Map<String, Long> engineTimeoutMs,
        @Bindable(defaultValue = "30000") long maxDurationMs,
        @Bindable(defaultValue = "3") int failureThreshold,
        @Bindable(defaultValue = "30000") long coolDownMs,
        @Bindable(defaultValue = "0") int threads,
        @Bindable(defaultValue = "" + DEFAULT_REMOTE_THREADS) int remoteThreads,
        @Bindable(defaultValue = "64") int queueCapacity) implements RouteConfig {

    public TtsRouteConfig {
        order = order == null ? List.of() : List.copyOf(order);
        engineTimeoutMs = engineTimeoutMs == null ? Map.of() : Map.copyOf(engineTimeoutMs);
    }
}
