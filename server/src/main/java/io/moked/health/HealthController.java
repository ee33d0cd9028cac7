package io.moked.health;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /health}: the process is up (liveness). {@code GET /ready}: every {@link ReadinessCheck} passes, so the
 * load balancer may send calls here (200), otherwise 503 with what is missing.
 */
@Controller
public class HealthController {
    private static final Logger LOG = LoggerFactory.getLogger(HealthController.class);

    private final List<ReadinessCheck> checks;

    public HealthController(List<ReadinessCheck> checks) {
        this.checks = checks;
    }

    @Get(uri = "/health", produces = MediaType.APPLICATION_JSON)
    public Health health() {
        return new Health("UP");
    }

    /** On the blocking pool: checks promise to be cheap, but one that is not must not stall the event loop. */
    @Get(uri = "/ready", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Readiness> ready() {
        List<Check> results = checks.stream().map(HealthController::run).toList();
        boolean ready = results.stream().allMatch(Check::ready);
        Readiness body = new Readiness(ready, results);
        return ready ? HttpResponse.ok(body) : HttpResponse.<Readiness>status(HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    private static Check run(ReadinessCheck check) {
        try {
            ReadinessCheck.Result r = check.check();
            return new Check(check.name(), r.ready(), r.detail(), r.info());
        } catch (RuntimeException e) {
            LOG.warn("readiness check {} failed", check.name(), e);
            return new Check(check.name(), false, "check failed: " + e.getMessage(), Map.of());
        }
    }

    @Serdeable
    public record Health(String status) {
    }

    @Serdeable
    public record Readiness(boolean ready, List<Check> checks) {
    }

    @Serdeable
    public record Check(String name, boolean ready, String detail, Map<String, Object> info) {
    }
}
