package io.moked.agent.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moked.crm.meeting.AvailabilityService;
import io.moked.crm.meeting.Slot;
import io.moked.hebrew.time.ParsedTime;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * {@code check_availability}: free slots between {@code from} and {@code to} (both optional; a day or a range such
 * as "יום שלישי אחרי הצהריים" is a window by itself). With nothing free there, the nearest free slots are offered.
 */
@Singleton
final class CheckAvailabilityTool implements AgentTool {
    static final String NAME = "check_availability";
    private static final String SCHEMA = """
            {"type":"object","additionalProperties":false,"properties":{
            "from":{"type":"string","maxLength":100,"description":"start of the window: YYYY-MM-DDTHH:MM, a day or \
            what the caller said (e.g. מחר, יום שלישי אחרי הצהריים); default now"},
            "to":{"type":"string","maxLength":100,"description":"end of the window, same forms; default: the end of \
            the day or range in from"}}}""";

    private final AvailabilityService availability;
    private final ToolTimes times;

    CheckAvailabilityTool(AvailabilityService availability, ToolTimes times) {
        this.availability = availability;
        this.times = times;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Find free viewing/meeting slots in the office's diary. Offer the caller two of them; book only "
                + "after the caller chose one.";
    }

    @Override
    public String parametersSchema() {
        return SCHEMA;
    }

    @Override
    public ToolResult execute(ToolContext ctx, ObjectNode args) {
        Instant from;
        Instant to;
        int days = availability.settings().searchDays();
        if (args.hasNonNull("from")) {
            ParsedTime f = times.parse(ctx, "from", args.get("from").asText());
            from = f.start().toInstant();
            to = end(f).toInstant();
        } else {
            from = ctx.now();
            to = from.plus(Duration.ofDays(days));
        }
        if (args.hasNonNull("to")) {
            to = end(times.parse(ctx, "to", args.get("to").asText())).toInstant();
        }
        if (!to.isAfter(from)) {
            throw new ToolArgumentException("to must be after from");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(days)) > 0) {
            to = from.plus(Duration.ofDays(days));
        }
        int max = availability.settings().maxSlots();
        List<Slot> free = availability.free(ctx.tenant(), from, to, max);
        ObjectNode out = ToolJson.MAPPER.createObjectNode();
        out.put("from", ToolJson.local(from, ctx.tenant().zoneId()));
        out.put("to", ToolJson.local(to, ctx.tenant().zoneId()));
        out.put("meeting_minutes", ctx.tenant().meetingMinutes());
        out.set("slots", ToolJson.slots(free, ctx.tenant().zoneId()));
        if (free.isEmpty()) {
            out.set("nearest_free", ToolJson.slots(availability.nearest(ctx.tenant(), from, max),
                    ctx.tenant().zoneId()));
        }
        return ToolResult.ok(out);
    }

    /** An instant's window runs to the end of its day; a day's to its end; a range's to its end. */
    private static ZonedDateTime end(ParsedTime t) {
        return switch (t.kind()) {
            case RANGE -> t.end();
            case DATE -> t.start().toLocalDate().plusDays(1).atStartOfDay(t.start().getZone());
            case INSTANT -> t.start().toLocalDate().plusDays(1).atStartOfDay(t.start().getZone());
        };
    }
}
