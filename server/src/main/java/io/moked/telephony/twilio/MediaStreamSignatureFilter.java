package io.moked.telephony.twilio;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.moked.call.CallRegistry;
import io.moked.call.CallSlot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks the Twilio signature of the media stream WebSocket upgrade before it happens (403 otherwise). The signed
 * URL is the {@code wss://} one and carries no parameters. The stream does not say its call until its first
 * messages, so the signature is checked against the tokens of the calls admitted and still waiting for their
 * stream (held in memory by the registry: no blocking work on the event loop); the socket later accepts only a
 * {@code start} for a call of a tenant whose token matched.
 */
@ServerFilter(MediaStreamSocket.PATH)
public class MediaStreamSignatureFilter {
    /** Request attribute: ids of the tenants whose auth token signed this upgrade. */
    public static final String SIGNED_TENANTS = "moked.twilio.signedTenants";
    private static final Logger LOG = LoggerFactory.getLogger(MediaStreamSignatureFilter.class);

    private final CallRegistry registry;
    private final PublicUrl publicUrl;

    public MediaStreamSignatureFilter(CallRegistry registry, PublicUrl publicUrl) {
        this.registry = registry;
        this.publicUrl = publicUrl;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        String signature = request.getHeaders().get(TwilioSignature.HEADER);
        String url = publicUrl.requested(request, true);
        Set<Long> tenants = new HashSet<>();
        Map<String, Boolean> byToken = new HashMap<>(); // tenants may share a Twilio account
        for (CallSlot slot : registry.awaitingStream()) {
            boolean valid = byToken.computeIfAbsent(slot.authToken(),
                    token -> TwilioSignature.valid(token, url, Map.of(), signature));
            if (valid) {
                tenants.add(slot.tenantId());
            }
        }
        if (tenants.isEmpty()) {
            LOG.warn("media stream upgrade refused: no valid Twilio signature for {} (calls awaiting a stream: {})",
                    url, registry.awaitingStream().size());
            return HttpResponse.status(io.micronaut.http.HttpStatus.FORBIDDEN);
        }
        request.setAttribute(SIGNED_TENANTS, Set.copyOf(tenants));
        return null;
    }
}
