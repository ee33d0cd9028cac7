package io.moked.engine;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /warmup}: loads models and warms every engine again (e.g. after {@code agentctl models pull}).
 * Answers 202 at once with the current engine states; with {@code ?wait=true} answers 200 when warm-up has
 * finished. Never blocks an event loop: warm-up runs on the engine executors.
 */
@Controller("/warmup")
public class WarmupController {
    private final EngineWarmup warmup;

    public WarmupController(EngineWarmup warmup) {
        this.warmup = warmup;
    }

    /** Engine states after (or while) warming up. */
    @Serdeable
    public record WarmupReport(boolean done, List<EngineStatus> engines) {
    }

    @Post
    public CompletableFuture<HttpResponse<WarmupReport>> warmUp(@QueryValue(defaultValue = "false") boolean wait) {
        CompletableFuture<List<EngineStatus>> running = warmup.warmUp();
        if (wait) {
            return running.thenApply(engines -> HttpResponse.ok(new WarmupReport(true, engines)));
        }
        return CompletableFuture.completedFuture(HttpResponse.<WarmupReport>status(HttpStatus.ACCEPTED)
                .body(new WarmupReport(warmup.done(), warmup.status())));
    }
}
