package io.moked.telephony.twilio;

import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.moked.call.CallAnswer;
import io.moked.call.CallPathRehearsal;
import io.moked.call.CallReadiness;
import io.moked.crm.tenant.TenantService;
import io.moked.health.ReadinessCheck;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * "webhook": ready once the voice webhook's path has run often enough for the JIT, so the first calls after a start
 * are answered as fast as later ones (a cold path took over a second per webhook in the first seconds). After the
 * server starts, a background thread runs {@code moked.call.webhook-warm-up.rounds} rounds, for at most
 * {@code max-ms}, of:
 * <ul>
 *   <li>the webhook's pieces, called directly: a tenant look-up by a number no tenant owns (phone parsing and the
 *       query), the signature check (with a random token, refusing a made-up signature), the stream TwiML, the
 *       engines' readiness (which loads the VAD model);</li>
 *   <li>the database work of {@value #REHEARSED_CALLS_PER_ROUND} admitted calls, rehearsed for a throwaway tenant in
 *       a transaction that is rolled back ({@link CallPathRehearsal});</li>
 *   <li>a {@code POST /twilio/voice} through the public port without a call SID: routing, the port filter, form
 *       parsing, the parameter checks and the blocking executor, refused with a 400 before any tenant is looked up
 *       (and without a log line).</li>
 * </ul>
 * Nothing is left behind: no tenant, call, lead or live-call row, and no real tenant's data is read or written.
 * The request through HTTP stops at the parameter check because a complete one would log a warning or need a
 * tenant's credentials; the rest is called directly for the same reason. Not degradable: /ready is 503 until it
 * ran (a few seconds on one core at most), then stays ready. It never fails the appliance: a round that errs is
 * logged once and the warm-up goes on.
 */
@Singleton
public class WebhookWarmup implements ReadinessCheck {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookWarmup.class);
    /** A number in the range reserved for fiction (Ofcom, 07700 900xxx): never a tenant's. */
    static final String NO_TENANT_NUMBER = "+447700900000";
    /** The rehearsed call's caller, from the same fictional range. */
    static final String CALLER = "+447700900001";
    /**
     * Calls rehearsed per round, in one rolled-back transaction with one throwaway tenant: creating that tenant is
     * not on the webhook's path, so it is paid once for several calls.
     */
    static final int REHEARSED_CALLS_PER_ROUND = 5;
    private static final String BASE = "https://warm-up.invalid";

    private final BeanContext context;
    private final TenantService tenants;
    private final CallPathRehearsal rehearsal;
    /** Lazily: CallReadiness lists every check, this one included. */
    private final BeanProvider<CallReadiness> readiness;
    private final int rounds;
    private final long maxMs;
    private volatile Result result;
    private volatile Thread thread;
    private volatile boolean stopping;
    /** Whether the rounds still send their request through the public port (off after it failed once). */
    private volatile boolean overHttp = true;

    public WebhookWarmup(BeanContext context, TenantService tenants, CallPathRehearsal rehearsal,
                         BeanProvider<CallReadiness> readiness,
                         @Value("${moked.call.webhook-warm-up.rounds:300}") int rounds,
                         @Value("${moked.call.webhook-warm-up.max-ms:10000}") long maxMs) {
        this.context = context;
        this.tenants = tenants;
        this.rehearsal = rehearsal;
        this.readiness = readiness;
        this.rounds = Math.max(0, rounds);
        this.maxMs = Math.max(0, maxMs);
        this.result = this.rounds == 0 ? Result.ok("webhook warm-up off (moked.call.webhook-warm-up.rounds: 0)")
                : null;
    }

    @Override
    public String name() {
        return "webhook";
    }

    /**
     * Before the warm-up starts: not ready in a process whose HTTP server exists (it is starting), ready in one
     * without (agentctl doctor: there is no webhook to warm up there).
     */
    @Override
    public Result check() {
        Result r = result;
        if (r != null) {
            return r;
        }
        return context.getActiveBeanRegistrations(EmbeddedServer.class).isEmpty()
                ? Result.ok("no HTTP server in this process: the appliance warms its webhook path up when it starts")
                : Result.notReady("webhook path not warmed up yet (starts once the server listens)");
    }

    @EventListener
    void onServerStarted(ServerStartupEvent event) {
        if (rounds == 0 || thread != null) {
            return;
        }
        EmbeddedServer server = event.getSource();
        URI voice = URI.create("http://" + host(server) + ":" + server.getPort() + "/twilio/voice");
        result = Result.notReady("warming up the webhook path");
        Thread t = new Thread(() -> run(voice), "moked-webhook-warmup");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Where this process reaches its own public listener: loopback unless it is bound to one address. */
    private static String host(EmbeddedServer server) {
        String host = server.getHost();
        return host == null || host.isBlank() || "0.0.0.0".equals(host) || "::".equals(host)
                || "localhost".equals(host) ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    }

    void run(URI voice) {
        long started = System.nanoTime();
        long deadline = started + TimeUnit.MILLISECONDS.toNanos(maxMs);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        String token = randomToken();
        int done = 0;
        int failed = 0;
        for (; done < rounds && System.nanoTime() < deadline && !stopping; done++) {
            try {
                if (done == 0) {
                    readiness.get().problems(); // loads the VAD model, as the first call would
                }
                round(http, voice, token);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (stopping) {
                    return; // the appliance is shutting down: its beans go away under the round
                }
                if (failed++ == 0) {
                    LOG.warn("webhook warm-up: a round failed (the warm-up goes on): {}", e.toString());
                }
            }
        }
        if (stopping) {
            return;
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String detail = "webhook path warmed up: " + done + " rounds in " + ms + " ms"
                + (done < rounds ? " (stopped at moked.call.webhook-warm-up.max-ms " + maxMs + ")" : "")
                + (failed > 0 ? "; " + failed + " rounds failed (see the log)" : "");
        result = new Result(true, detail, Map.of("rounds", done, "failedRounds", failed, "ms", ms));
        LOG.info(detail);
    }

    /**
     * One round: the direct pieces first, then the request over HTTP, so a public listener this process cannot
     * reach in plain HTTP (TLS on the port) costs the HTTP part only.
     */
    private void round(HttpClient http, URI voice, String token) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", "ACwarmup");
        params.put("ApiVersion", "2010-04-01");
        params.put("CallStatus", "ringing");
        params.put("Direction", "inbound");
        params.put("From", NO_TENANT_NUMBER);
        params.put("To", NO_TENANT_NUMBER);
        if (tenants.findByPhoneNumber(NO_TENANT_NUMBER).isPresent()) {
            // a tenant owns the fictional number after all: its row was only read (and the rehearsal fails)
            LOG.debug("webhook warm-up: a tenant owns {}", NO_TENANT_NUMBER);
        }
        String url = BASE + "/twilio/voice";
        // the same HMAC the check computes for a real webhook, compared with a signature that cannot match
        if (TwilioSignature.valid(token, url, params, "warm-up")) {
            throw new IllegalStateException("the signature check accepted a made-up signature");
        }
        Map<String, String> stream = new LinkedHashMap<>();
        stream.put("tenant", "warm-up");
        stream.put("callSid", "CAwarmup");
        stream.put("from", NO_TENANT_NUMBER);
        stream.put("streamToken", token);
        Twiml.of(new CallAnswer.Stream(stream), BASE, BASE);
        readiness.get().problems();
        rehearsal.rehearse(NO_TENANT_NUMBER, CALLER, REHEARSED_CALLS_PER_ROUND);
        if (!overHttp) {
            return;
        }
        StringBuilder body = new StringBuilder();
        params.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        // no CallSid: the webhook answers 400 right after parsing and checking the parameters
        try {
            HttpResponse<Void> refused = http.send(HttpRequest.newBuilder(voice)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(Duration.ofSeconds(2))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (refused.statusCode() != 400) {
                throw new IllegalStateException("the webhook answered " + refused.statusCode() + " instead of 400");
            }
        } catch (java.io.IOException | RuntimeException e) {
            overHttp = false;
            throw new IllegalStateException("the public port " + voice + " cannot be reached in plain HTTP from "
                    + "this process; the warm-up goes on without the HTTP requests: " + e, e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
