package io.moked.telephony.twilio;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The base URL Twilio uses to reach the appliance ({@code moked.public-url}, env {@code MOKED_PUBLIC_URL}, e.g.
 * {@code https://moked.example.com}). Signatures are computed over it, so behind a reverse proxy it must be set.
 * When it is not, the request's own scheme/host (honouring X-Forwarded-Proto/Host) is used, with a warning.
 */
@Singleton
public class PublicUrl {
    private static final Logger LOG = LoggerFactory.getLogger(PublicUrl.class);
    private final String configured;
    private final AtomicBoolean warned = new AtomicBoolean();

    public PublicUrl(@Nullable @Value("${moked.public-url:}") String configured) {
        this.configured = configured == null ? "" : configured.strip();
    }

    /** Base URL (no trailing slash) for a request. */
    public String base(HttpRequest<?> request) {
        if (!configured.isEmpty()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        if (warned.compareAndSet(false, true)) {
            LOG.warn("moked.public-url (MOKED_PUBLIC_URL) is not set: signatures are checked against the URL this "
                    + "server sees, which fails behind a reverse proxy");
        }
        HttpHeaders h = request.getHeaders();
        String proto = h.get("X-Forwarded-Proto");
        String host = h.get("X-Forwarded-Host");
        if (host == null) {
            host = h.get(HttpHeaders.HOST);
        }
        if (proto == null) {
            proto = request.isSecure() ? "https" : "http";
        }
        return proto + "://" + host;
    }

    /** The full URL Twilio requested (path and query included), as it signs it. */
    public String requested(HttpRequest<?> request, boolean webSocket) {
        String query = request.getUri().getRawQuery();
        String pathAndQuery = request.getUri().getRawPath() + (query == null || query.isEmpty() ? "" : "?" + query);
        return TwilioSignature.url(base(request), pathAndQuery, webSocket);
    }
}
