package io.moked.cli.sim.call;

import io.moked.cli.sim.report.LoadReport;
import io.moked.cli.sim.report.Metric;
import io.moked.cli.sim.twilio.CallIdentity;
import io.moked.cli.sim.twilio.MediaStreamClient;
import io.moked.cli.sim.twilio.TwilioSignature;
import io.moked.cli.sim.twilio.Twiml;
import io.moked.cli.sim.twilio.VoiceWebhook;

import java.net.http.WebSocketHandshakeException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * How Twilio gets a call to the media stream: signed voice webhook, TwiML, signed WebSocket upgrade to the
 * {@code <Stream>} URL. Completes with the open stream, or exceptionally with a {@link Failure} naming the kind.
 */
final class CallSetup {
    private static final double NANOS_PER_MS = 1e6;

    /** Why a call never reached its media stream; {@code kind} is the error kind counted in reports. */
    static final class Failure extends RuntimeException {
        final String kind;

        Failure(String kind, String detail) {
            super(detail, null, false, false);
            this.kind = kind;
        }
    }

    /** The open stream and what the TwiML said about it. */
    record Opened(MediaStreamClient stream, Twiml twiml, double webhookMs) {
    }

    private CallSetup() {
    }

    static CompletableFuture<Opened> open(CallEnvironment env, CallIdentity id, MediaStreamClient.Handler handler,
                                          CallListener listener, LoadReport report) {
        Map<String, String> params = VoiceWebhook.incomingCallParams(id);
        params.putAll(env.webhookParams());
        return new VoiceWebhook(env.http(), env.authToken())
                .post(env.voiceSignedUrl(), env.voiceTargetUrl(), params)
                .exceptionally(error -> {
                    throw new Failure("webhook_io", cause(error).toString());
                })
                .thenCompose(answer -> {
                    double webhookMs = answer.latencyNanos() / NANOS_PER_MS;
                    report.stats(Metric.WEBHOOK).recordNanos(answer.latencyNanos());
                    if (answer.status() != 200) {
                        listener.onWebhook(id.callSid(), answer.status(), Math.round(webhookMs), null);
                        throw new Failure("webhook_http_" + answer.status(), abbreviate(answer.body()));
                    }
                    Twiml twiml = twiml(answer);
                    listener.onWebhook(id.callSid(), answer.status(), Math.round(webhookMs), twiml);
                    if (twiml.outcome() != Twiml.Outcome.STREAM) {
                        throw new Failure("twiml_" + twiml.outcome().name().toLowerCase(Locale.ROOT),
                                String.join(" ", twiml.said()));
                    }
                    String signature = TwilioSignature.sign(env.authToken(), twiml.streamUrl(), Map.of());
                    return MediaStreamClient.connect(env.http(), env.connectUri(twiml.streamUrl()), signature, handler)
                            .handle((stream, error) -> {
                                if (error != null) {
                                    Throwable c = cause(error);
                                    throw new Failure(c instanceof WebSocketHandshakeException
                                            ? "ws_handshake_" + ((WebSocketHandshakeException) c).getResponse()
                                            .statusCode() : "ws_connect", c.toString());
                                }
                                return new Opened(stream, twiml, webhookMs);
                            });
                });
    }

    private static Twiml twiml(VoiceWebhook.Answer answer) {
        try {
            return Twiml.parse(answer.body());
        } catch (IllegalArgumentException e) {
            throw new Failure("twiml_invalid", e.getMessage());
        }
    }

    static Throwable cause(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
