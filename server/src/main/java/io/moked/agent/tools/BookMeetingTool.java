package io.moked.agent.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moked.crm.meeting.AvailabilityService;
import io.moked.crm.meeting.Meeting;
import io.moked.crm.meeting.MeetingKind;
import io.moked.crm.meeting.MeetingService;
import io.moked.crm.meeting.NewMeeting;
import io.moked.error.ConflictException;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * {@code book_meeting}: books a viewing or office meeting for the caller at an exact time inside business hours.
 * The slot is re-checked in the booking transaction; when another caller took it first the answer says so and
 * offers the nearest free slots (not an error: the call goes on with a new offer).
 */
@Singleton
final class BookMeetingTool implements AgentTool {
    static final String NAME = "book_meeting";
    private static final String SCHEMA = """
            {"type":"object","additionalProperties":false,"required":["start","kind"],"properties":{
            "start":{"type":"string","maxLength":100,"description":"YYYY-MM-DDTHH:MM (tenant time) or what the \
            caller said, e.g. מחר בעשר"},
            "kind":{"type":"string","enum":["viewing","meeting"],"description":"viewing = at a property, \
            meeting = at the office"},
            "address":{"type":"string","maxLength":300,"description":"the property's address, for a viewing"}}}""";

    private final MeetingService meetings;
    private final AvailabilityService availability;
    private final ToolTimes times;

    BookMeetingTool(MeetingService meetings, AvailabilityService availability, ToolTimes times) {
        this.meetings = meetings;
        this.availability = availability;
        this.times = times;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Book a viewing or meeting at a time the caller agreed to. Repeat the booked time to the caller.";
    }

    @Override
    public String parametersSchema() {
        return SCHEMA;
    }

    @Override
    public ToolResult execute(ToolContext ctx, ObjectNode args) {
        Instant start = times.instant(ctx, "start", args.get("start").asText()).start().toInstant();
        ObjectNode out = ToolJson.MAPPER.createObjectNode();
        var unbookable = availability.unbookable(ctx.tenant(), start);
        if (unbookable.isPresent()) {
            return refused(ctx, out, start, unbookable.get());
        }
        String address = args.hasNonNull("address") ? args.get("address").asText() : null;
        try {
            Meeting m = meetings.book(ctx.tenant(), new NewMeeting(ctx.leadId(), ctx.callId(), start, null,
                    MeetingKind.parse(args.get("kind").asText()), address, null), ctx.actor());
            out.put("booked", true);
            out.setAll(ToolJson.meeting(m, ctx.tenant().zoneId()));
            return ToolResult.ok(out);
        } catch (ConflictException taken) {
            return refused(ctx, out, start, "that slot was just taken");
        }
    }

    private ToolResult refused(ToolContext ctx, ObjectNode out, Instant start, String reason) {
        return refused(ctx, availability, out, start, reason);
    }

    /** "Not booked, because ...; the nearest free slots are ..." (also used by reschedule_meeting). */
    static ToolResult refused(ToolContext ctx, AvailabilityService availability, ObjectNode out, Instant start,
                              String reason) {
        out.put("booked", false);
        out.put("reason", reason);
        out.put("requested", ToolJson.local(start, ctx.tenant().zoneId()));
        out.set("alternatives", ToolJson.slots(availability.nearest(ctx.tenant(), start,
                availability.settings().maxSlots()), ctx.tenant().zoneId()));
        return ToolResult.ok(out);
    }
}
