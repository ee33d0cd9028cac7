package io.moked.cli.sim.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {
    private static LoadReport report() {
        LoadReport r = new LoadReport();
        for (int i = 1; i <= 200; i++) {
            r.stats(Metric.TURN).recordMicros(i * 5_000L);      // 5..1000 ms
        }
        r.stats(Metric.CLEAR).recordMicros(120_000);
        r.callStarted();
        r.callStarted();
        r.callCompleted();
        r.error("no_clear");
        r.error("no_clear");
        r.error("ws_closed_early");
        r.callerFrames(500);
        r.agentFrames(300);
        return r;
    }

    @Test
    void jsonCarriesPercentilesErrorsCpuAndSloOutcome() {
        LoadReport r = report();
        LoadgenUsage usage = new LoadgenUsage(2.0, 10.0, 2, 0.25);
        assertEquals(20.0, usage.percentOfOneCore(), 1e-9);
        assertEquals(10.0, usage.percentOfMachine(), 1e-9);
        List<Slo.Result> slo = Slo.parse("turn_p95_ms=960,errors=0").stream().map(s -> s.evaluate(r)).toList();
        ObjectNode json = ReportWriter.json(new ReportWriter.RunInfo("http://x", "+9723", 2, 2, 1.5, "s.yaml",
                Instant.parse("2026-01-01T00:00:00Z")), r, usage, slo);
        assertEquals(2, json.path("calls").path("started").asInt());
        assertEquals(1, json.path("calls").path("completed").asInt());
        assertEquals(3, json.path("calls").path("errors").asInt());
        assertEquals(2, json.path("errors_by_kind").path("no_clear").asInt());
        assertEquals(1, json.path("errors_by_kind").path("ws_closed_early").asInt());
        assertEquals(200, json.path("metrics_ms").path("turn").path("count").asInt());
        assertEquals(500.0, json.path("metrics_ms").path("turn").path("p50").asDouble(), 0.5);
        assertEquals(950.0, json.path("metrics_ms").path("turn").path("p95").asDouble(), 1.0);
        assertEquals(0, json.path("metrics_ms").path("greeting").path("count").asInt());
        assertEquals(20.0, json.path("load_generator").path("cpu_percent_of_one_core").asDouble(), 1e-9);
        assertEquals(0.25, json.path("load_generator").path("gc_seconds").asDouble(), 1e-9);
        assertTrue(json.path("slo").get(0).path("met").asBoolean());
        assertFalse(json.path("slo").get(1).path("met").asBoolean());
        assertFalse(json.path("slo_met").asBoolean());
    }

    @Test
    void tableHasOneRowPerMetricAndNamesBrokenObjectives() {
        LoadReport r = report();
        String table = ReportWriter.table(r, new LoadgenUsage(1, 10, 2, 0), Slo.parse("errors=0").stream()
                .map(s -> s.evaluate(r)).toList());
        for (Metric m : Metric.values()) {
            assertTrue(table.contains(m.label()), m.label());
        }
        assertTrue(table.contains("errors: 3 {no_clear=2, ws_closed_early=1}"), table);
        assertTrue(table.contains("BROKEN"), table);
    }
}
