package io.moked.cli.sim.report;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Caller frames as the appliance itself counted them (issue 14): its {@code moked_call_inbound_frames_total{outcome}}
 * counters on {@code /prometheus}, read before and after a load test. The difference covers every call the
 * appliance handled meanwhile (run the load test on an otherwise idle appliance): received, lost (chunk numbers
 * skipped), duplicate, dropped (audio ahead of real time).
 */
public record ApplianceFrames(long received, long lost, long duplicate, long dropped) {
    static final String METRIC = "moked_call_inbound_frames_total";
    private static final Pattern LINE = Pattern.compile(
            "^" + METRIC + "\\{[^}]*outcome=\"([a-z_]+)\"[^}]*}\\s+([0-9.eE+-]+)\\s*$", Pattern.MULTILINE);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The counters in a Prometheus text exposition; all zero when the appliance has counted no frame yet. */
    public static ApplianceFrames parse(String prometheusText) {
        long received = 0;
        long lost = 0;
        long duplicate = 0;
        long dropped = 0;
        Matcher m = LINE.matcher(prometheusText);
        while (m.find()) {
            long value = (long) Double.parseDouble(m.group(2));
            switch (m.group(1)) {
                case "received" -> received += value;
                case "lost" -> lost += value;
                case "duplicate" -> duplicate += value;
                case "ahead_of_real_time" -> dropped += value;
                default -> {
                }
            }
        }
        return new ApplianceFrames(received, lost, duplicate, dropped);
    }

    /** Reads the appliance's counters now. */
    public static ApplianceFrames scrape(HttpClient http, URI metricsUrl) throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(metricsUrl).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new IOException(metricsUrl + " answered HTTP " + response.statusCode());
        }
        return parse(response.body());
    }

    /** What was counted between {@code before} and this reading. */
    public ApplianceFrames since(ApplianceFrames before) {
        return new ApplianceFrames(received - before.received, lost - before.lost, duplicate - before.duplicate,
                dropped - before.dropped);
    }
}
