package io.moked.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.moked.crm.prompt.Channel;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.crm.tenant.TenantSpec;
import io.moked.health.ManagementPort;
import io.moked.telephony.twilio.CallTestSupport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Voice webhook latency (scripts/bench/webhook.sh): an appliance on SQLite in a temporary data dir with the test
 * engines (so only the webhook path is measured), one tenant with a voice prompt, then the appliance is started
 * again (a restart) and signed {@code POST /twilio/voice} requests of new calls arrive at a fixed rate (open loop,
 * like Twilio: a slow answer does not delay the next call). Prints p50/p95/p99/max of the caller-side latency for
 * the first second, seconds 1-4 and the rest, and how the calls were answered (assistant stream, degraded, busy).
 * Asserts nothing; the data dir is deleted afterwards.
 * <p>
 * Args: {@code [--rate calls/s] [--seconds N] [--after start|ready]}: {@code start} sends the first call as soon as
 * the server listens, {@code ready} once the management port's /ready says ready (what a load balancer waits for).
 */
public final class WebhookBench {
    private static final String PUBLIC_URL = CallTestSupport.PUBLIC_URL;
    private static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    private static final String AUTH_TOKEN = "bench-auth-token-0123456789";
    private static final String NUMBER = "+97236091234";
    private static final String PROMPT = "את {{assistant_name}}, נציגת {{business_name}}. עני בקצרה ובעברית.";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private WebhookBench() {
    }

    private record Sample(long offsetMs, long latencyMicros, String answer) {
    }

    public static void main(String[] args) throws Exception {
        double rate = 20;
        int seconds = 10;
        boolean afterReady = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--after" -> afterReady = "ready".equals(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path dataDir = Files.createTempDirectory("moked-webhook-bench");
        try {
            Map<String, Object> props = properties(dataDir);
            try (ApplicationContext setup = ApplicationContext.run(props, "test")) {
                tenant(setup.getBean(TenantService.class), setup.getBean(PromptService.class));
            }
            long t0 = System.nanoTime();
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, "test")) {
                long listening = System.nanoTime();
                int port = server.getPort();
                long readyAt = listening;
                if (afterReady) {
                    int management = server.getApplicationContext().getBean(ManagementPort.class).port();
                    while (!ready(management)) {
                        Thread.sleep(20);
                    }
                    readyAt = System.nanoTime();
                }
                System.out.printf(Locale.ROOT, "webhook bench: context start %d ms, %s %d ms later; %.0f calls/s "
                                + "for %d s%n", ms(listening - t0), afterReady ? "/ready true" : "first call",
                        ms(readyAt - listening), rate, seconds);
                List<Sample> samples = run(port, rate, seconds);
                report(samples);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    private static List<Sample> run(int port, double rate, int seconds) throws InterruptedException {
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        ExecutorService senders = Executors.newFixedThreadPool(64);
        long start = System.nanoTime();
        long intervalNanos = (long) (1e9 / rate);
        int total = (int) Math.round(rate * seconds);
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String callSid = String.format(Locale.ROOT, "CA%032d", i + 1);
            String from = String.format(Locale.ROOT, "+9725023%05d", i % 100_000);
            senders.execute(() -> {
                long sent = System.nanoTime();
                String answer;
                try {
                    answer = classify(post(port, callSid, from));
                } catch (Exception e) {
                    answer = "error";
                }
                long done = System.nanoTime();
                samples.add(new Sample(ms(sent - start), (done - sent) / 1000, answer));
            });
        }
        senders.shutdown();
        senders.awaitTermination(60, TimeUnit.SECONDS);
        return new ArrayList<>(samples);
    }

    private static void report(List<Sample> samples) {
        window(samples, "first second", 0, 1000);
        window(samples, "seconds 1-4", 1000, 4000);
        window(samples, "after 4 s", 4000, Long.MAX_VALUE);
        Map<String, Integer> answers = new TreeMap<>();
        samples.forEach(s -> answers.merge(s.answer(), 1, Integer::sum));
        System.out.println("answers: " + answers);
    }

    private static void window(List<Sample> all, String name, long fromMs, long toMs) {
        long[] lat = all.stream().filter(s -> s.offsetMs() >= fromMs && s.offsetMs() < toMs)
                .mapToLong(Sample::latencyMicros).sorted().toArray();
        if (lat.length == 0) {
            return;
        }
        System.out.printf(Locale.ROOT, "%-13s n=%4d  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n",
                name, lat.length, pct(lat, 50), pct(lat, 95), pct(lat, 99), lat[lat.length - 1] / 1000.0);
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }

    private static String classify(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return "http-" + response.statusCode();
        }
        String body = response.body();
        return body.contains("<Stream") ? "stream" : body.contains("<Record") ? "voicemail"
                : body.contains("<Say") ? "say" : "other";
    }

    private static HttpResponse<String> post(int port, String callSid, String from) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", ACCOUNT_SID);
        params.put("ApiVersion", "2010-04-01");
        params.put("CallSid", callSid);
        params.put("CallStatus", "ringing");
        params.put("Direction", "inbound");
        params.put("From", from);
        params.put("To", NUMBER);
        StringBuilder body = new StringBuilder();
        params.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/twilio/voice"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", sign(PUBLIC_URL + "/twilio/voice", params))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Twilio's request signature: HMAC-SHA1 of the URL and the sorted parameters, base64. */
    private static String sign(String url, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean ready(int managementPort) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/ready")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"ready\":true");
        } catch (Exception e) {
            return false;
        }
    }

    private static Map<String, Object> properties(Path dataDir) throws Exception {
        Map<String, Object> p = new HashMap<>(CallTestSupport.properties(dataDir));
        p.put("moked.call.max-concurrent-calls", "100000");
        return p;
    }

    private static void tenant(TenantService tenants, PromptService prompts) {
        Map<String, String> open = new LinkedHashMap<>();
        for (String day : List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")) {
            open.put(day, "00:00-23:59");
        }
        TenantSpec spec = new TenantSpec("bench", "דירות הים", "נועה", null, null, null, open, null,
                "+972502345678", true, 2, 1000, null, Map.of("0", "transfer", "9", "voicemail"), null, null,
                List.of(NUMBER));
        tenants.create(spec, "bench");
        tenants.setTwilio("bench", ACCOUNT_SID, AUTH_TOKEN, "bench");
        Tenant tenant = tenants.get("bench");
        var version = prompts.push(tenant, Channel.VOICE, PROMPT, "bench prompt", "bench");
        prompts.activate(tenant, Channel.VOICE, version.version(), "bench");
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
