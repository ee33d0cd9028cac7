package io.moked.cli.call;

import io.moked.cli.output.Direction;
import io.moked.cli.output.Fields;
import io.moked.cli.output.Output;
import io.moked.cli.output.Table;
import io.moked.cli.output.Text;
import io.moked.crm.call.TurnStages;
import io.moked.crm.tenant.Tenant;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How calls look in table output (JSON output is {@link CallDtos}). The transcript is a timeline, one labelled line
 * per turn ({@link Output#labelled}): offset from the call's start and who spoke on the left, what was said in the
 * tenant's direction, then the flags a support person looks for (STT confidence, reply latency, interrupted), and
 * under an agent turn where its latency went, stage by stage.
 */
final class CallView {
    /** "  01:04.2  caller  ": two spaces, a 7-column offset, two spaces, a 7-column role, a space. */
    static final int LABEL_COLUMNS = 20;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What the columns of a timeline mean. */
    static final String TIMELINE_NOTE = "Timeline (offsets from the call's start; latency: caller stopped → agent "
            + "audio)";

    private CallView() {
    }

    static Table table(List<CallDtos.Row> rows, Tenant tenant, String emptyMessage) {
        ZoneId zone = tenant.zoneId();
        return Table.of("ID", "CALL SID", "STARTED", "FROM", "STATUS", "DURATION", "OUTCOME", "END REASON")
                .rows(rows, r -> List.of(r.id(), r.callSid(), time(r.startedAt(), zone), r.from(),
                        r.status() + (r.degraded() ? " (degraded)" : ""), duration(r.durationMs()),
                        orDash(r.outcome()), orDash(r.endReason())))
                .rightAlign(0, 5)
                .empty(emptyMessage);
    }

    /** The call's facts, then its timeline. */
    static void card(Output out, CallDtos.Card c, Tenant tenant) {
        header(c, tenant).render(out);
        out.line("");
        timeline(out, c, tenant);
    }

    static Fields header(CallDtos.Card c, Tenant tenant) {
        ZoneId zone = tenant.zoneId();
        Direction written = Direction.forLocale(tenant.locale());
        return Fields.create()
                .add("Call", c.callSid() + " (id " + c.id() + ")")
                .add("From → to", c.from() + " → " + c.to() + " (" + c.direction() + ")")
                .add("Status", c.status())
                .add("Started", time(c.startedAt(), zone) + " " + zone.getId())
                .add("Answered", c.answeredAt() == null ? "never" : time(c.answeredAt(), zone))
                .add("Ended", c.endedAt() == null ? "not ended" : time(c.endedAt(), zone) + " after "
                        + duration(c.durationMs()))
                .add("End reason", endReason(c.endReason()))
                .add("Degraded", c.degraded() ? "yes: " + orDash(c.degradedReason()) : "no")
                .add("Lead", c.lead() == null ? "-" : lead(c.lead(), written))
                .add("Prompt", c.prompt() == null ? "none (the assistant never ran)" : c.prompt().channel()
                        + " v" + c.prompt().version() + (c.prompt().activeNow() ? " (active now)" : " (not active now)")
                        + (c.prompt().note() == null ? "" : ": " + c.prompt().note()))
                .add("Outcome", orDash(c.outcome()))
                .add("Summary", c.summary() == null ? "-" : Text.of(c.summary(), written))
                .add("Recording", c.recording() == null ? "none" : c.recording().deletedAt() != null
                        ? "deleted " + time(c.recording().deletedAt(), zone) + " (retention)" : c.recording().path())
                .add("Voicemail", c.voicemail() == null ? "-" : c.voicemail().url()
                        + (c.voicemail().seconds() == null ? "" : " (" + c.voicemail().seconds() + " s)"))
                .add("Caller audio", c.frames() == null ? "-" : c.frames().received() + " frames received, "
                        + orZero(c.frames().lost()) + " lost, " + orZero(c.frames().duplicate()) + " duplicate, "
                        + orZero(c.frames().dropped()) + " dropped ahead of real time")
                .add("Turns", turnCounts(c.turns()))
                .add("Slowest reply", slowest(c.turns()))
                .add("Least sure STT", leastSure(c.turns()));
    }

    private static Map<String, Object> lead(CallDtos.LeadLine l, Direction written) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phone", l.phone());
        m.put("name", l.name() == null ? "-" : Text.of(l.name(), written));
        m.put("status", l.status());
        return m;
    }

    /** "812 ms at 00:06.2 (most: llm 450 ms)": where a support person looks first for "it was slow". */
    private static String slowest(List<CallDtos.TurnLine> turns) {
        CallDtos.TurnLine worst = null;
        for (CallDtos.TurnLine t : turns) {
            if (t.latencyMs() != null && (worst == null || t.latencyMs() > worst.latencyMs())) {
                worst = t;
            }
        }
        if (worst == null) {
            return "-";
        }
        String most = mostStage(worst.stages());
        return worst.latencyMs() + " ms at " + offset(worst.atMs()) + (most == null ? "" : " (most: " + most + ")");
    }

    /** "0.62 at 00:03.2": the caller turn the speech recognition was least sure of ("it misheard"). */
    private static String leastSure(List<CallDtos.TurnLine> turns) {
        CallDtos.TurnLine worst = null;
        for (CallDtos.TurnLine t : turns) {
            if (t.sttConfidence() != null && (worst == null || t.sttConfidence() < worst.sttConfidence())) {
                worst = t;
            }
        }
        return worst == null ? "-" : String.format(Locale.ROOT, "%.2f at %s", worst.sttConfidence(),
                offset(worst.atMs()));
    }

    private static Map<String, Integer> stageParts(TurnStages s) {
        Map<String, Integer> parts = new LinkedHashMap<>();
        parts.put("stt", s.sttMs());
        parts.put("llm", s.llmFirstTokenMs());
        parts.put("sentence", s.firstSentenceMs());
        parts.put("tts", s.ttsFirstAudioMs());
        parts.put("send", s.firstFrameSentMs());
        return parts;
    }

    /** "llm 450 ms": the stage that took longest, or null without stages. */
    private static String mostStage(TurnStages s) {
        if (s == null) {
            return null;
        }
        String most = null;
        int mostMs = -1;
        for (var e : stageParts(s).entrySet()) {
            if (e.getValue() != null && e.getValue() > mostMs) {
                mostMs = e.getValue();
                most = e.getKey() + " " + e.getValue() + " ms";
            }
        }
        return most;
    }

    static void timeline(Output out, CallDtos.Card c, Tenant tenant) {
        if (c.turns().isEmpty()) {
            out.line("No turns recorded.");
            return;
        }
        out.line(TIMELINE_NOTE);
        Direction written = Direction.forLocale(tenant.locale());
        for (CallDtos.TurnLine t : c.turns()) {
            turn(out, t, written);
        }
    }

    /** One turn: its labelled line and, for a timed agent turn, the line with its latency stages. */
    static void turn(Output out, CallDtos.TurnLine t, Direction written) {
        turnLines(out, t, written).forEach(out::rawLine);
    }

    /** The lines of {@link #turn}, in display order (for printers that send them elsewhere). */
    static List<String> turnLines(Output out, CallDtos.TurnLine t, Direction written) {
        List<String> lines = new ArrayList<>(out.labelledLines(label(t.atMs(), t.role()), LABEL_COLUMNS,
                value(t, written), trailer(t)));
        String stages = stages(t.latencyMs(), t.stages());
        if (stages != null) {
            lines.addAll(out.labelledLines("", LABEL_COLUMNS, stages, null));
        }
        return lines;
    }

    /** The line shown when the caller cut the agent off ({@code call replay} prints it when it happened). */
    static List<String> interruptionLines(Output out, CallDtos.TurnLine t) {
        return out.labelledLines(label(t.endMs(), ""), LABEL_COLUMNS, "✂ the caller cut the agent off (turn "
                + t.seq() + ")", null);
    }

    /** "  01:04.2  caller"; a turn stored without an offset (tool exchanges) gets "-" where the time would be. */
    static String label(Long atMs, String role) {
        return String.format(Locale.ROOT, atMs == null ? "  %-7s  %-7s" : "  %7s  %-7s", offset(atMs), role);
    }

    private static Object value(CallDtos.TurnLine t, Direction written) {
        if (t.tool() != null) {
            CallDtos.ToolCall tool = t.tool();
            String call = tool.name() + "(" + (tool.arguments() == null ? "" : tool.arguments().toString()) + ")";
            return Text.of(tool.result() == null ? call : call + " → " + tool.result(), Direction.LTR);
        }
        return Text.of(t.text() == null || t.text().isEmpty() ? "(nothing)" : t.text(), written);
    }

    private static String trailer(CallDtos.TurnLine t) {
        List<String> flags = new ArrayList<>();
        if (t.sttConfidence() != null) {
            flags.add(String.format(Locale.ROOT, "conf %.2f", t.sttConfidence()));
        }
        if (t.latencyMs() != null) {
            flags.add(t.latencyMs() + " ms");
        }
        if (t.interrupted()) {
            flags.add("INTERRUPTED" + (t.endMs() == null ? "" : " at " + offset(t.endMs())));
        }
        if (t.resumed()) {
            flags.add("RESUMED after a false interruption");
        }
        return flags.isEmpty() ? null : "[" + String.join(", ", flags) + "]";
    }

    /**
     * "latency 812 ms = stt 120 + llm 250 + sentence 80 + tts 150 + send 12 (most: llm); end-of-turn wait 300 ms",
     * or null for a turn without stages.
     */
    static String stages(Integer latencyMs, TurnStages s) {
        if (s == null) {
            return null;
        }
        Map<String, Integer> parts = stageParts(s);
        List<String> shown = new ArrayList<>();
        String most = null;
        int mostMs = -1;
        for (var e : parts.entrySet()) {
            if (e.getValue() != null) {
                shown.add(e.getKey() + " " + e.getValue());
                if (e.getValue() > mostMs) {
                    mostMs = e.getValue();
                    most = e.getKey();
                }
            }
        }
        StringBuilder line = new StringBuilder("latency ").append(latencyMs == null ? "?" : latencyMs).append(" ms");
        if (!shown.isEmpty()) {
            line.append(" = ").append(String.join(" + ", shown));
            if (shown.size() > 1) {
                line.append(" (most: ").append(most).append(")");
            }
        }
        if (s.endOfSpeechMs() != null) {
            line.append("; end-of-turn wait ").append(s.endOfSpeechMs()).append(" ms");
        }
        return line.toString();
    }

    /** "01:04.2" (minutes:seconds.tenths from the call's start); "-" when the turn has no offset. */
    static String offset(Long ms) {
        if (ms == null) {
            return "-";
        }
        long tenths = Math.max(0, ms) / 100;
        return String.format(Locale.ROOT, "%02d:%02d.%d", tenths / 600, tenths / 10 % 60, tenths % 10);
    }

    static String duration(Long ms) {
        if (ms == null) {
            return "-";
        }
        long s = Math.round(ms / 1000.0);
        return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d:%02d min", s / 60, s % 60);
    }

    private static String turnCounts(List<CallDtos.TurnLine> turns) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        long interrupted = 0;
        for (CallDtos.TurnLine t : turns) {
            counts.merge(t.role(), 1, Integer::sum);
            interrupted += t.interrupted() ? 1 : 0;
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((role, n) -> parts.add(n + " " + role));
        return turns.isEmpty() ? "none" : String.join(", ", parts) + (interrupted == 0 ? "" : "; " + interrupted
                + " interrupted");
    }

    /** What a stored end reason means (io.moked.pipeline.CallEnd ids, the busy refusals); others as stored. */
    private static final Map<String, String> END_REASONS = Map.ofEntries(
            Map.entry("stream_stopped", "the caller hung up, or Twilio ended the stream"),
            Map.entry("socket_closed", "the media connection closed without a stop"),
            Map.entry("agent_hangup", "the assistant ended the call"),
            Map.entry("transferred", "handed to the tenant's transfer number"),
            Map.entry("voicemail", "the caller chose to leave a voicemail"),
            Map.entry("appliance_restart", "the appliance restarted during the call"),
            Map.entry("stream_not_started", "Twilio never opened the media stream"),
            Map.entry("shutdown", "the appliance was shutting down"),
            Map.entry("error", "a failure in the appliance ended the call"),
            Map.entry("busy-global_limit", "refused: the appliance was at its concurrent-call limit"),
            Map.entry("busy-tenant_limit", "refused: the tenant was at its concurrent-call limit"));

    static String endReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return "-";
        }
        String meaning = END_REASONS.get(reason);
        return meaning == null ? reason : reason + " (" + meaning + ")";
    }

    static String time(Instant at, ZoneId zone) {
        return at == null ? "-" : SECONDS.format(at.atZone(zone));
    }

    private static long orZero(Long n) {
        return n == null ? 0 : n;
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
