package io.moked.health;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Keeps the public port to what Twilio needs, and management to its own port (docs/security.md, "Endpoints and
 * ports"). On the public port only {@code /twilio/...} (webhooks, media streams) and the plain {@code /health} a load
 * balancer polls are served; anything else — /ready (file paths, engine errors), /warmup, /prometheus, /metrics and
 * the other Micronaut endpoints — is 404 there, as if it did not exist. The management port serves everything but
 * the Twilio paths. Which port a request came in on is its local socket address: no header can change it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class PortSeparationFilter implements Ordered {
    static final String TWILIO_PREFIX = "/twilio/";
    static final String HEALTH = "/health";

    private final ManagementPort management;

    public PortSeparationFilter(ManagementPort management) {
        this.management = management;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> separate(HttpRequest<?> request) {
        String path = request.getPath();
        boolean twilio = path.startsWith(TWILIO_PREFIX);
        boolean onManagement = management.isManagement(request.getServerAddress().getPort());
        boolean served = onManagement ? !twilio : twilio || HEALTH.equals(path);
        return served ? null : HttpResponse.notFound();
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
