package io.moked.agent.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.moked.crm.meeting.Meeting;
import io.moked.crm.meeting.MeetingService;
import jakarta.inject.Singleton;

import java.util.List;

/** Which of the caller's own upcoming meetings a reschedule/cancel means: the one named, or the only one. */
@Singleton
final class OwnMeetings {
    private final MeetingService meetings;

    OwnMeetings(MeetingService meetings) {
        this.meetings = meetings;
    }

    Meeting pick(ToolContext ctx, Long meetingId) {
        List<Meeting> upcoming = meetings.upcoming(ctx.tenant(), ctx.leadId());
        if (meetingId != null) {
            return upcoming.stream().filter(m -> m.id() == meetingId).findFirst().orElseThrow(() ->
                    new ToolArgumentException("meeting " + meetingId + " is not one of this caller's upcoming "
                            + "meetings; theirs: " + list(ctx, upcoming)));
        }
        if (upcoming.isEmpty()) {
            throw new ToolArgumentException("this caller has no upcoming meeting");
        }
        if (upcoming.size() > 1) {
            throw new ToolArgumentException("this caller has several upcoming meetings; send meeting_id, one of "
                    + list(ctx, upcoming));
        }
        return upcoming.get(0);
    }

    private static String list(ToolContext ctx, List<Meeting> upcoming) {
        ArrayNode out = ToolJson.MAPPER.createArrayNode();
        upcoming.forEach(m -> out.add(ToolJson.meeting(m, ctx.tenant().zoneId())));
        return out.toString();
    }
}
