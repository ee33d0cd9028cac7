package io.moked.engine;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
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
 *
 * <p>Reloading every model is expensive, and the appliance's HTTP port faces Twilio (often the internet, behind a
 * reverse proxy), it is served only on the management port (127.0.0.1 by default, {@link
 * io.moked.health.PortSeparationFilter}), and by default only this machine may ask: a request from a non-loopback
 * address, or one carrying any header a proxy adds ({@link #PROXY_HEADERS}: X-Real-IP as much as X-Forwarded-For),
 * gets 403 unless {@code moked.engines.warm-up-from-remote} is true.
 */
@Controller("/warmup")
public class WarmupController {
    /** Headers a reverse proxy adds: any of them means the client is somewhere else, whatever the socket says. */
    static final java.util.List<String> PROXY_HEADERS = java.util.List.of("Forwarded", "X-Forwarded-For",
            "X-Real-IP", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Client-IP", "True-Client-IP", "Via");
    private final EngineWarmup warmup;
    private final boolean allowRemote;

    public WarmupController(EngineWarmup warmup,
                            @Value("${moked.engines.warm-up-from-remote:false}") boolean allowRemote) {
        this.warmup = warmup;
        this.allowRemote = allowRemote;
    }

    /** Engine states after (or while) warming up. */
    @Serdeable
    public record WarmupReport(boolean done, List<EngineStatus> engines) {
    }

    /** Why a warm-up request was refused. */
    @Serdeable
    public record Refusal(String error) {
    }

    @Post
    public CompletableFuture<HttpResponse<?>> warmUp(HttpRequest<?> request,
                                                     @QueryValue(defaultValue = "false") boolean wait) {
        if (!allowRemote && !fromThisMachine(request)) {
            return CompletableFuture.completedFuture(HttpResponse.status(HttpStatus.FORBIDDEN).body(new Refusal(
                    "POST /warmup is accepted only from this machine (set moked.engines.warm-up-from-remote: true"
                            + " to allow others)")));
        }
        CompletableFuture<List<EngineStatus>> running = warmup.warmUp();
        if (wait) {
            return running.thenApply(engines -> HttpResponse.ok(new WarmupReport(true, engines)));
        }
        return CompletableFuture.completedFuture(HttpResponse.status(HttpStatus.ACCEPTED)
                .body(new WarmupReport(warmup.done(), warmup.status())));
    }

    private static boolean fromThisMachine(HttpRequest<?> request) {
        HttpHeaders headers = request.getHeaders();
        for (String forwarded : PROXY_HEADERS) {
            if (headers.contains(forwarded)) {
                return false;
            }
        }
        var address = request.getRemoteAddress().getAddress();
        return address != null && address.isLoopbackAddress();
    }
}
