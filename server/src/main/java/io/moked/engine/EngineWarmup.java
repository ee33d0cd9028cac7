package io.moked.engine;

import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.moked.llm.LlmRouter;
import io.moked.stt.SttRouter;
import io.moked.tts.TtsRouter;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Warms every engine (load models, one tiny inference or an endpoint check) when the HTTP server has started —
 * asynchronously, so startup is not held up — and again on {@code POST /warmup}. Until it has finished, the
 * stt/llm/tts readiness checks (and so {@code /ready}) report not ready. Only the server warms up: agentctl commands
 * that boot the application context never load models.
 */
@Singleton
public class EngineWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(EngineWarmup.class);

    private final SttRouter stt;
    private final LlmRouter llm;
    private final TtsRouter tts;
    private final boolean onStart;
    private volatile CompletableFuture<List<EngineStatus>> lastRun;

    public EngineWarmup(SttRouter stt, LlmRouter llm, TtsRouter tts,
                        @Value("${moked.engines.warm-up-on-start:true}") boolean onStart) {
        this.stt = stt;
        this.llm = llm;
        this.tts = tts;
        this.onStart = onStart;
    }

    @EventListener
    void onServerStarted(ServerStartupEvent event) {
        if (onStart) {
            LOG.info("warming up engines in the background");
            warmUp();
        }
    }

    /** Starts (or joins) the warm-up of all kinds; never blocks; the future never fails (failures are statuses). */
    public CompletableFuture<List<EngineStatus>> warmUp() {
        CompletableFuture<Void> all = CompletableFuture.allOf(stt.warmUp(), llm.warmUp(), tts.warmUp());
        CompletableFuture<List<EngineStatus>> run = all.thenApply(ignored -> status());
        lastRun = run;
        return run;
    }

    /** The latest warm-up, if one was started. */
    public java.util.Optional<CompletableFuture<List<EngineStatus>>> lastRun() {
        return java.util.Optional.ofNullable(lastRun);
    }

    public boolean done() {
        return stt.warmUpDone() && llm.warmUpDone() && tts.warmUpDone();
    }

    public List<EngineStatus> status() {
        List<EngineStatus> all = new ArrayList<>(stt.status());
        all.addAll(llm.status());
        all.addAll(tts.status());
        return all;
    }
}
