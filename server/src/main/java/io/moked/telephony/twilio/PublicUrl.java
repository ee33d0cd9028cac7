package io.moked.telephony.twilio;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The base URL Twilio uses to reach the appliance ({@code moked.public-url}, env {@code MOKED_PUBLIC_URL}, e.g.
 * {@code https://moked.example.com}). Signatures are computed over it, so behind a reverse proxy it must be set.
 * When it is not, the request's own scheme/host (honouring X-Forwarded-Proto/Host) is used, with a warning.
 *
 * <p>With several appliances behind a load balancer, {@code moked.cluster.node-url} is the URL of this very node:
 * the media stream and Connect action of a call must reach the node that admitted it (its live state is in that
 * node's memory), so they name it; webhooks keep coming through the public URL.
 */
@Singleton
public class PublicUrl {
    private static final Logger LOG = LoggerFactory.getLogger(PublicUrl.class);
    private final String configured;
    private final String node;
    private final AtomicBoolean warned = new AtomicBoolean();

    public PublicUrl(@Nullable @Value("${moked.public-url:}") String configured,
                     @Nullable @Value("${moked.cluster.node-url:}") String node) {
        this.configured = configured == null ? "" : configured.strip();
        this.node = node == null ? "" : stripSlash(node.strip());
    }

    /** Base URL (no trailing slash) of this node: {@code moked.cluster.node-url}, else {@link #base}. */
    public String nodeBase(HttpRequest<?> request) {
        return node.isEmpty() ? base(request) : node;
    }

    /**
     * The URLs Twilio may have signed an HTTP callback with: the public URL, and this node's own URL (Connect
     * actions go there). Both are ours, so accepting either does not weaken the signature check.
     */
    public List<String> requestedCandidates(HttpRequest<?> request) {
        String viaPublic = requested(request, false);
        if (node.isEmpty()) {
            return List.of(viaPublic);
        }
        String viaNode = TwilioSignature.url(node, pathAndQuery(request), false);
        return viaNode.equals(viaPublic) ? List.of(viaPublic) : List.of(viaPublic, viaNode);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
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

    /**
     * The full URL Twilio requested (path and query included), as it signs it. A media stream upgrade was sent to
     * this node's URL ({@link #nodeBase}).
     */
    public String requested(HttpRequest<?> request, boolean webSocket) {
        return TwilioSignature.url(webSocket ? nodeBase(request) : base(request), pathAndQuery(request), webSocket);
    }

    private static String pathAndQuery(HttpRequest<?> request) {
        String query = request.getUri().getRawQuery();
        return request.getUri().getRawPath() + (query == null || query.isEmpty() ? "" : "?" + query);
    }
}
