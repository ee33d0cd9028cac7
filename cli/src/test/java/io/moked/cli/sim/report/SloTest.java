package io.moked.cli.sim.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SloTest {
    @Test
    void parsesLatencyObjectivesAndErrorCap() {
        List<Slo> slos = Slo.parse("turn_p95_ms=800, clear_p95_ms=150,JITTER_P99_MS=10,errors=0");
        assertEquals(4, slos.size());
        assertEquals(Metric.TURN, slos.get(0).metric());
        assertEquals(Slo.Stat.P95, slos.get(0).stat());
        assertEquals(800.0, slos.get(0).limit());
        assertEquals(Metric.JITTER, slos.get(2).metric());
        assertTrue(slos.get(3).isErrorCap());
        assertNull(slos.get(3).metric());
    }

    @Test
    void badSpecsGetClearErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Slo.parse("turn_p95=800")).getMessage()
                .contains("turn_p95"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Slo.parse("speed_p95_ms=1")).getMessage()
                .contains("metrics: webhook, greeting, turn, clear, jitter, send_lag"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Slo.parse("turn_p97_ms=1")).getMessage()
                .contains("turn_p97_ms"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Slo.parse("turn_p95_ms=fast")).getMessage()
                .contains("not a number"));
        assertThrows(IllegalArgumentException.class, () -> Slo.parse("turn_p95_ms"));
        assertThrows(IllegalArgumentException.class, () -> Slo.parse("errors=-1"));
    }

    @Test
    void evaluatesAgainstAReport() {
        LoadReport report = new LoadReport();
        for (int i = 1; i <= 100; i++) {
            report.stats(Metric.TURN).recordMicros(i * 10_000L);  // 10..1000 ms, p95 = 950 ms
        }
        report.error("no_reply");
        List<Slo> slos = Slo.parse("turn_p95_ms=960,turn_p99_ms=900,errors=0,clear_p95_ms=150");
        Slo.Result met = slos.get(0).evaluate(report);
        assertTrue(met.met());
        assertEquals(950.0, met.actual(), 1.0);
        assertFalse(slos.get(1).evaluate(report).met());
        assertFalse(slos.get(2).evaluate(report).met(), "one error breaks errors=0");
        assertFalse(slos.get(3).evaluate(report).met(), "an objective on an unmeasured metric is not met");
    }

    @Test
    void lostFramesAreJudgedOnTheAppliancesOwnCountsAndNeverMetUnread() {
        Slo lost = Slo.parse("lost_frames=0").get(0);
        assertTrue(lost.isLostFramesCap());
        assertFalse(lost.isErrorCap());
        LoadReport report = new LoadReport();
        report.applianceFramesUnavailable("cannot read http://x/prometheus: refused");
        assertFalse(lost.evaluate(report).met(), "not measured: not met");
        report.applianceFrames(new ApplianceFrames(500, 0, 0, 0));
        assertTrue(lost.evaluate(report).met());
        report.applianceFrames(new ApplianceFrames(500, 2, 1, 0));
        assertEquals(3.0, lost.evaluate(report).actual());
        assertFalse(lost.evaluate(report).met());
    }

    @Test
    void applianceFramesAreReadFromPrometheusText() {
        String text = """
                # HELP moked_call_inbound_frames_total caller audio frames
                # TYPE moked_call_inbound_frames_total counter
                moked_call_inbound_frames_total{outcome="received"} 1520.0
                moked_call_inbound_frames_total{outcome="lost"} 3.0
                moked_call_inbound_frames_total{outcome="duplicate"} 1.0
                moked_call_inbound_frames_total{outcome="ahead_of_real_time"} 2.0
                moked_calls_active 0.0
                """;
        ApplianceFrames after = ApplianceFrames.parse(text);
        assertEquals(new ApplianceFrames(1520, 3, 1, 2), after);
        assertEquals(new ApplianceFrames(20, 3, 1, 2), after.since(new ApplianceFrames(1500, 0, 0, 0)));
        assertEquals(new ApplianceFrames(0, 0, 0, 0), ApplianceFrames.parse("moked_calls_active 0.0\n"));
    }
}
