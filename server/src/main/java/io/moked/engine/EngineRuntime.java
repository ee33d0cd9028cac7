package io.moked.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Shared plumbing of the engine routers: per engine kind two bounded {@link KindExecutor}s (local inference sized
 * to the cores; {@link RemoteEngine}s sized for requests in flight), the timer thread that
 * enforces attempt deadlines, the clock of the circuit breakers and the meter registry (the application's when
 * micronaut-micrometer provides one).
 */
@Singleton
public final class EngineRuntime implements AutoCloseable {
    private final Map<EngineKind, KindExecutor> executors = new EnumMap<>(EngineKind.class);
    private final Map<EngineKind, KindExecutor> remoteExecutors = new EnumMap<>(EngineKind.class);
    private final ScheduledExecutorService timer;
    private final MeterRegistry registry;
    private final LongSupplier clockMs;

    public EngineRuntime(Optional<MeterRegistry> registry, SttRouteConfig stt, LlmRouteConfig llm,
                         TtsRouteConfig tts) {
        this(registry.orElseGet(SimpleMeterRegistry::new), System::currentTimeMillis,
                Map.of(EngineKind.STT, stt, EngineKind.LLM, llm, EngineKind.TTS, tts));
    }

    public EngineRuntime(MeterRegistry registry, LongSupplier clockMs, Map<EngineKind, ? extends RouteConfig> routes) {
        this.registry = registry;
        this.clockMs = clockMs;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "moked-engine-timer");
            t.setDaemon(true);
            return t;
        });
        routes.forEach((kind, route) -> {
            executors.put(kind, new KindExecutor(kind, KindExecutor.LOCAL, route.effectiveThreads(),
                    route.queueCapacity(), registry));
            remoteExecutors.put(kind, new KindExecutor(kind, KindExecutor.REMOTE, route.remoteThreads(),
                    route.queueCapacity(), registry));
        });
    }

    public KindExecutor executor(EngineKind kind) {
        KindExecutor executor = executors.get(kind);
        if (executor == null) {
            throw new IllegalStateException("no executor configured for " + kind.id());
        }
        return executor;
    }

    /** The executor of {@link RemoteEngine}s of this kind. */
    public KindExecutor remoteExecutor(EngineKind kind) {
        KindExecutor executor = remoteExecutors.get(kind);
        if (executor == null) {
            throw new IllegalStateException("no remote executor configured for " + kind.id());
        }
        return executor;
    }

    public ScheduledExecutorService timer() {
        return timer;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public LongSupplier clockMs() {
        return clockMs;
    }

    /** A router over the engines named in {@code route.order()}, in that order. */
    public <E> EngineRouter<E> router(EngineKind kind, List<E> available, Function<E, String> names,
                                      RouteConfig route) {
        return new EngineRouter<>(kind, ordered(kind, available, names, route.order()), names, route,
                executor(kind), remoteExecutor(kind), timer, clockMs, registry);
    }

    /**
     * Picks the configured engines in order. An unknown name is a startup error naming what exists, so a typo in
     * {@code moked.engines.<kind>.order} never silently removes the fallback.
     */
    static <E> List<E> ordered(EngineKind kind, List<E> available, Function<E, String> names, List<String> order) {
        Map<String, E> byName = new LinkedHashMap<>();
        for (E engine : available) {
            byName.put(names.apply(engine), engine);
        }
        if (order.isEmpty()) {
            throw new ConfigurationException("moked.engines." + kind.id() + ".order is empty; available engines: "
                    + byName.keySet());
        }
        List<E> result = new ArrayList<>();
        for (String name : order) {
            E engine = byName.get(name.trim());
            if (engine == null) {
                throw new ConfigurationException("moked.engines." + kind.id() + ".order names unknown engine '"
                        + name + "'; available: " + byName.keySet());
            }
            if (result.contains(engine)) {
                throw new ConfigurationException("moked.engines." + kind.id() + ".order lists '" + name + "' twice");
            }
            result.add(engine);
        }
        return result;
    }

    @PreDestroy
    @Override
    public void close() {
        timer.shutdownNow();
        executors.values().forEach(KindExecutor::close);
        remoteExecutors.values().forEach(KindExecutor::close);
    }
}
