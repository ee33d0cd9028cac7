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
 * {@code GET /health}: the process is up (liveness). {@code GET /ready}: may the load balancer send calls here?
 * 200 with status "ready" when every {@link ReadinessCheck} passes; 200 with status "degraded" when only
 * {@link ReadinessCheck#degradable() degradable} checks fail (calls are answered with voicemail, never dropped);
 * 503 with status "not-ready" when a check that no call can do without fails. The body lists every check.
 */
@Controller
public class HealthController {
    private static final Logger LOG = LoggerFactory.getLogger(HealthController.class);

    static final String READY = "ready";
    static final String DEGRADED = "degraded";
    static final String NOT_READY = "not-ready";

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
        boolean allReady = results.stream().allMatch(Check::ready);
        boolean takesCalls = results.stream().allMatch(c -> c.ready() || c.degradable());
        String status = allReady ? READY : takesCalls ? DEGRADED : NOT_READY;
        Readiness body = new Readiness(status, allReady, results);
        return takesCalls ? HttpResponse.ok(body)
                : HttpResponse.<Readiness>status(HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    private static Check run(ReadinessCheck check) {
        try {
            ReadinessCheck.Result r = check.check();
            return new Check(check.name(), r.ready(), check.degradable(), r.detail(), r.info());
        } catch (RuntimeException e) {
            LOG.warn("readiness check {} failed", check.name(), e);
            return new Check(check.name(), false, false, "check failed: " + e.getMessage(), Map.of());
        }
    }

    @Serdeable
    public record Health(String status) {
    }

    /** {@code ready} is true only when every check passes; {@code status} says whether calls are taken at all. */
    @Serdeable
    public record Readiness(String status, boolean ready, List<Check> checks) {
    }

    /** {@code degradable}: when this check fails, calls are still answered in degraded mode. */
    @Serdeable
    public record Check(String name, boolean ready, boolean degradable, String detail, Map<String, Object> info) {
    }
}
