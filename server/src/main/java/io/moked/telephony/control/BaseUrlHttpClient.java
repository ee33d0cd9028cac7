package io.moked.telephony.control;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.util.Timeout;

import java.util.List;
import java.util.Map;

/**
 * The Twilio SDK's HTTP client with the API's base URL replaced: the SDK always builds
 * {@code https://api.twilio.com/...}; requests go to the configured base instead (an on-prem proxy, or a test's
 * local stand-in). Everything else — form parameters, headers, basic auth — is the SDK's own request.
 */
final class BaseUrlHttpClient extends NetworkHttpClient {
    static final String TWILIO_API = "https://api.twilio.com";

    private final String base;

    BaseUrlHttpClient(String base, int timeoutMs) {
        super(RequestConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(timeoutMs))
                .setResponseTimeout(Timeout.ofMilliseconds(timeoutMs))
                .build());
        this.base = base;
    }

    @Override
    public Response makeRequest(Request request) {
        if (base.equals(TWILIO_API) || !request.getUrl().startsWith(TWILIO_API)) {
            return super.makeRequest(request);
        }
        Request moved = new Request(request.getMethod(), base + request.getUrl().substring(TWILIO_API.length()));
        copy(request.getQueryParams(), moved::addQueryParam);
        copy(request.getPostParams(), moved::addPostParam);
        copy(request.getHeaderParams(), moved::addHeaderParam);
        if (request.getContentType() != null) {
            moved.setContentType(request.getContentType());
        }
        if (request.getBody() != null) {
            moved.setBody(request.getBody());
        }
        if (request.getUsername() != null) {
            moved.setAuth(request.getUsername(), request.getPassword());
        }
        return super.makeRequest(moved);
    }

    private static void copy(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> to) {
        params.forEach((name, values) -> values.forEach(v -> to.accept(name, v)));
    }
}
