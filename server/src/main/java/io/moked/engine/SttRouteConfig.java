package io.moked.engine;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;
import java.util.Map;

/** Routing of the stt engines: {@code moked.engines.stt.*} (see {@link RouteConfig} and application.yml). */
@ConfigurationProperties("moked.engines.stt")
public record SttRouteConfig(
        @Bindable(defaultValue = "whisper,openai") List<String> order,
        @Bindable(defaultValue = "15000") long timeoutMs,
        @Nullable Map<String, Long> engineTimeoutMs,
        @Bindable(defaultValue = "0") long maxDurationMs,
        @Bindable(defaultValue = "3") int failureThreshold,
        @Bindable(defaultValue = "30000") long coolDownMs,
        @Bindable(defaultValue = "0") int threads,
        @Bindable(defaultValue = "" + DEFAULT_REMOTE_THREADS) int remoteThreads,
        @Bindable(defaultValue = "64") int queueCapacity) implements RouteConfig {

    public SttRouteConfig {
        order = order == null ? List.of() : List.copyOf(order);
        engineTimeoutMs = engineTimeoutMs == null ? Map.of() : Map.copyOf(engineTimeoutMs);
    }
}
