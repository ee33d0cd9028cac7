package io.moked.telephony.control;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Live-call control through Twilio's REST API ({@code moked.call-control.*} in application.yml).
 *
 * @param apiBaseUrl         Twilio's REST API; tests point it at a local stand-in
 * @param dialTimeoutSeconds how long a transfer rings before it falls back to voicemail
 * @param requestTimeoutMs   connect/response timeout of one REST request
 */
@ConfigurationProperties("moked.call-control")
public record CallControlConfig(String apiBaseUrl, int dialTimeoutSeconds, int requestTimeoutMs) {
    public CallControlConfig {
        if (apiBaseUrl == null || !apiBaseUrl.matches("https?://[^\\s]+")) {
            throw new IllegalArgumentException("moked.call-control.api-base-url must be an http(s) URL, got "
                    + apiBaseUrl);
        }
        if (dialTimeoutSeconds < 5 || dialTimeoutSeconds > 600) {
            throw new IllegalArgumentException("moked.call-control.dial-timeout-seconds must be 5..600");
        }
        apiBaseUrl = apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl;
    }
}
