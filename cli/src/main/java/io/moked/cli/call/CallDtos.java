package io.moked.cli.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.output.Json;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallDetail;
import io.moked.crm.call.CallTurn;
import io.moked.crm.call.TurnRole;
import io.moked.crm.call.TurnStages;
import io.moked.crm.lead.Lead;
import io.moked.crm.prompt.PromptVersion;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What call commands print with {@code -o json}; scripts rely on these names. Times are ISO-8601 instants, offsets
 * and latencies milliseconds from the start of the call.
 */
final class CallDtos {
    private CallDtos() {
    }

    /** A call in a list. */
    record Row(long id, String callSid, String from, String to, String direction, String status, Instant startedAt,
               Long durationMs, String endReason, String outcome, Long leadId, boolean degraded) {
    }

    /** A page of a listing; {@code next} is the --after cursor of the next page, null on the last. */
    record Page(List<Row> calls, String next) {
    }

    /** One call for call show / call replay. */
    record Card(long id, String callSid, String from, String to, String direction, String status,
                Instant startedAt, Instant answeredAt, Instant endedAt, Long durationMs, String endReason,
                boolean degraded, String degradedReason, String outcome, String summary, LeadLine lead,
                PromptLine prompt, Recording recording, Voicemail voicemail, Frames frames, List<TurnLine> turns) {
    }

    /** The caller's media frames as the appliance counted them; null when the call never streamed. */
    record Frames(Long received, Long lost, Long duplicate, Long dropped) {
    }

    record LeadLine(String phone, String name, String status) {
    }

    /** The prompt version the call ran with. */
    record PromptLine(String channel, int version, String note, boolean activeNow) {
    }

    /** The call's stereo WAV (left caller, right agent); {@code deletedAt} when retention removed it. */
    record Recording(String path, Instant deletedAt) {
    }

    record Voicemail(String url, Integer seconds) {
    }

    /**
     * One turn. {@code role}: caller, agent, tool, system (or whatever role a newer appliance stores).
     * {@code tool}: for tool turns whose text is a JSON tool exchange, its parts.
     */
    record TurnLine(int seq, String role, Long atMs, Long endMs, String text, Double sttConfidence,
                    boolean interrupted, Integer latencyMs, TurnStages stages, ToolCall tool, boolean resumed) {
    }

    /** A tool call as stored in a tool turn; any part may be null when the turn did not hold it. */
    record ToolCall(String name, JsonNode arguments, JsonNode result) {
    }

    static Row row(Call c) {
        return new Row(c.id(), c.callSid(), c.from(), c.to(), c.direction().id(), c.status().twilioName(),
                c.startedAt(), durationMs(c), c.endReason(), c.outcome() == null ? null : c.outcome().id(), c.leadId(),
                c.degraded());
    }

    static Card card(CallDetail d) {
        Call c = d.call();
        Lead l = d.lead();
        PromptVersion p = d.promptVersion();
        return new Card(c.id(), c.callSid(), c.from(), c.to(), c.direction().id(), c.status().twilioName(),
                c.startedAt(), c.answeredAt(), c.endedAt(), durationMs(c), c.endReason(), c.degraded(),
                c.degradedReason(), c.outcome() == null ? null : c.outcome().id(), c.summary(),
                l == null ? null : new LeadLine(l.phone(), l.name(), l.status()),
                p == null ? null : new PromptLine(p.channel().id(), p.version(), p.note(), p.active()),
                c.recordingPath() == null ? null : new Recording(c.recordingPath(), c.recordingDeletedAt()),
                c.voicemailUrl() == null ? null : new Voicemail(c.voicemailUrl(), c.voicemailSeconds()),
                c.framesReceived() == null ? null : new Frames(c.framesReceived(), c.framesLost(),
                        c.framesDuplicate(), c.framesDropped()),
                d.turns().stream().map(CallDtos::turn).toList());
    }

    static TurnLine turn(CallTurn t) {
        return new TurnLine(t.seq(), role(t.role()), t.startMs(), t.endMs(), t.text(), t.sttConfidence(),
                t.interrupted(), t.latencyMs(), t.stages(), t.role() == TurnRole.TOOL ? tool(t.text()) : null,
                t.resumed());
    }

    /** The caller is "caller" and the assistant "agent" (as call simulate prints them); other roles as stored. */
    static String role(TurnRole role) {
        return switch (role) {
            case USER -> "caller";
            case ASSISTANT -> "agent";
            default -> role.id();
        };
    }

    /**
     * A tool turn's text read as a tool exchange: a JSON object with the tool's name ({@code name}/{@code tool}),
     * its arguments ({@code arguments}/{@code args}) and its result. Null when the text is not such an object: the
     * turn is then shown as plain text.
     */
    static ToolCall tool(String text) {
        if (text == null || !text.strip().startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = Json.mapper().readTree(text);
            JsonNode name = node.has("name") ? node.get("name") : node.get("tool");
            if (name == null || !name.isTextual()) {
                return null;
            }
            JsonNode args = node.has("arguments") ? node.get("arguments") : node.get("args");
            if (args != null && args.isTextual()) {
                args = parseOrKeep(args);
            }
            JsonNode result = node.get("result");
            if (result != null && result.isTextual()) {
                result = parseOrKeep(result);
            }
            return new ToolCall(name.asText(), args, result);
        } catch (Exception e) {
            return null;
        }
    }

    private static JsonNode parseOrKeep(JsonNode textual) {
        try {
            JsonNode parsed = Json.mapper().readTree(textual.asText());
            return parsed == null || parsed.isMissingNode() ? textual : parsed;
        } catch (Exception e) {
            return textual;
        }
    }

    /** From the webhook (start) to the end; null while the call has not ended. */
    static Long durationMs(Call c) {
        return c.endedAt() == null ? null : Math.max(0, Duration.between(c.startedAt(), c.endedAt()).toMillis());
    }
}
