package io.moked.agent.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moked.crm.meeting.Meeting;
import io.moked.crm.meeting.MeetingService;
import jakarta.inject.Singleton;

/** {@code cancel_meeting}: cancels one of the caller's own upcoming meetings. */
@Singleton
final class CancelMeetingTool implements AgentTool {
    static final String NAME = "cancel_meeting";
    private static final String SCHEMA = """
            {"type":"object","additionalProperties":false,"properties":{
            "meeting_id":{"type":"integer","description":"which of the caller's meetings; may be left out when \
            they have only one"},
            "reason":{"type":"string","maxLength":300}}}""";

    private final MeetingService meetings;
    private final OwnMeetings own;

    CancelMeetingTool(MeetingService meetings, OwnMeetings own) {
        this.meetings = meetings;
        this.own = own;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Cancel the caller's own upcoming viewing or meeting after they confirmed they want to cancel.";
    }

    @Override
    public String parametersSchema() {
        return SCHEMA;
    }

    @Override
    public ToolResult execute(ToolContext ctx, ObjectNode args) {
        Meeting m = own.pick(ctx, args.hasNonNull("meeting_id") ? args.get("meeting_id").asLong() : null);
        Meeting cancelled = meetings.cancel(ctx.tenant(), ctx.leadId(), m.id(), ctx.actor());
        ObjectNode out = ToolJson.MAPPER.createObjectNode();
        out.put("cancelled", true);
        out.setAll(ToolJson.meeting(cancelled, ctx.tenant().zoneId()));
        return ToolResult.ok(out);
    }
}
