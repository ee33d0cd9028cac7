package io.moked.engine;

import io.moked.health.ReadinessCheck;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Base of {@code SttRouter}, {@code LlmRouter} and {@code TtsRouter}: owns the {@link EngineRouter}, its warm-up and
 * its readiness. The kind is ready when warm-up has finished and at least one engine is warm with a breaker that is
 * not open; {@code /ready} and {@code agentctl doctor} show every engine's state.
 */
public abstract class KindRouter<E> implements ReadinessCheck {
    protected final EngineRouter<E> router;
    private final EngineRouter.WarmUp<E> warmUp;
    private volatile CompletableFuture<Void> warmUpRun;

    protected KindRouter(EngineRouter<E> router, EngineRouter.WarmUp<E> warmUp) {
        this.router = router;
        this.warmUp = warmUp;
    }

    @Override
    public String name() {
        return router.kind().id();
    }

    /** Starts (or joins the running) warm-up of every engine; never blocks. */
    public synchronized CompletableFuture<Void> warmUp() {
        CompletableFuture<Void> running = warmUpRun;
        if (running != null && !running.isDone()) {
            return running;
        }
        warmUpRun = router.warmUp(warmUp);
        return warmUpRun;
    }

    public boolean warmUpDone() {
        CompletableFuture<Void> run = warmUpRun;
        return run != null && run.isDone();
    }

    public List<EngineStatus> status() {
        return router.status();
    }

    public EngineRouter<E> engineRouter() {
        return router;
    }

    /**
     * While a warm-up runs the appliance is not ready at all (503: the first calls would be slow or fail). Once it has
     * run, a kind with no usable engine degrades calls to voicemail instead of refusing them.
     */
    @Override
    public boolean degradable() {
        CompletableFuture<Void> run = warmUpRun;
        return run == null || run.isDone();
    }

    @Override
    public Result check() {
        List<EngineStatus> engines = router.status();
        Map<String, Object> info = new LinkedHashMap<>();
        for (EngineStatus s : engines) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("readiness", s.readiness().name());
            e.put("breaker", s.breaker());
            e.put("consecutiveFailures", s.consecutiveFailures());
            e.put("lastError", s.lastError() == null ? "" : s.lastError());
            e.put("warmUpMs", s.warmUpMs());
            info.put(s.engine(), e);
        }
        String summary = engines.stream()
                .map(s -> s.engine() + "=" + s.readiness().name().toLowerCase() + "/" + s.breaker().toLowerCase())
                .collect(Collectors.joining(", "));
        if (warmUpRun == null) {
            // agentctl (doctor) never loads models; only the appliance warms engines up, at start or on POST /warmup
            return new Result(false, name() + " engines not warmed up in this process (the appliance warms them up at"
                    + " start or on POST /warmup): " + summary, info);
        }
        if (!warmUpDone()) {
            return new Result(false, name() + " engines warming up (" + summary + ")", info);
        }
        boolean anyUsable = engines.stream()
                .anyMatch(s -> s.readiness() == EngineStatus.Readiness.READY && !"OPEN".equals(s.breaker()));
        if (anyUsable) {
            return new Result(true, summary, info);
        }
        String reasons = engines.stream().map(s -> s.engine() + ": " + (s.lastError() == null ? s.breaker()
                : s.lastError())).collect(Collectors.joining("; "));
        return new Result(false, "no " + name() + " engine usable: " + reasons
                + " (install models with `agentctl models pull NAME`, or configure moked.openai.*, then POST /warmup)",
                info);
    }
}
