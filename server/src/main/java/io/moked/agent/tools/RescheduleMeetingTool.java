package io.moked.agent.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moked.crm.meeting.AvailabilityService;
import io.moked.crm.meeting.Meeting;
import io.moked.crm.meeting.MeetingService;
import io.moked.error.ConflictException;
import jakarta.inject.Singleton;

import java.time.Instant;

/** {@code reschedule_meeting}: moves one of the caller's own upcoming meetings to a new free time. */
@Singleton
final class RescheduleMeetingTool implements AgentTool {
    static final String NAME = "reschedule_meeting";
    private static final String SCHEMA = """
            {"type":"object","additionalProperties":false,"required":["start"],"properties":{
            "meeting_id":{"type":"integer","description":"which of the caller's meetings; may be left out when \
            they have only one"},
            "start":{"type":"string","maxLength":100,"description":"the new time: YYYY-MM-DDTHH:MM or what the \
            caller said"}}}""";

    private final MeetingService meetings;
    private final AvailabilityService availability;
    private final OwnMeetings own;
    private final ToolTimes times;

    RescheduleMeetingTool(MeetingService meetings, AvailabilityService availability, OwnMeetings own,
                          ToolTimes times) {
        this.meetings = meetings;
        this.availability = availability;
        this.own = own;
        this.times = times;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Move the caller's own upcoming viewing or meeting to another time they agreed to.";
    }

    @Override
    public String parametersSchema() {
        return SCHEMA;
    }

    @Override
    public ToolResult execute(ToolContext ctx, ObjectNode args) {
        Meeting m = own.pick(ctx, args.hasNonNull("meeting_id") ? args.get("meeting_id").asLong() : null);
        Instant start = times.instant(ctx, "start", args.get("start").asText()).start().toInstant();
        ObjectNode out = ToolJson.MAPPER.createObjectNode();
        var unbookable = availability.unbookable(ctx.tenant(), start);
        if (unbookable.isPresent()) {
            return BookMeetingTool.refused(ctx, availability, out, start, unbookable.get());
        }
        try {
            Meeting moved = meetings.reschedule(ctx.tenant(), ctx.leadId(), m.id(), start, ctx.actor());
            out.put("booked", true);
            out.put("previous_start", ToolJson.local(m.startsAt(), ctx.tenant().zoneId()));
            out.setAll(ToolJson.meeting(moved, ctx.tenant().zoneId()));
            return ToolResult.ok(out);
        } catch (ConflictException taken) {
            return BookMeetingTool.refused(ctx, availability, out, start, "that slot is taken");
        }
    }
}
