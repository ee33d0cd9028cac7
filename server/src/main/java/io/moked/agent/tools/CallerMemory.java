package io.moked.agent.tools;

import io.micronaut.core.annotation.Nullable;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallService;
import io.moked.crm.lead.Lead;
import io.moked.crm.meeting.AvailabilityService;
import io.moked.crm.meeting.Meeting;
import io.moked.crm.meeting.MeetingService;
import io.moked.crm.prompt.PromptContext;
import io.moked.crm.tenant.Tenant;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the assistant knows of a caller when a call or chat starts, as a {@link PromptContext}: the lead's known
 * fields, upcoming meetings, the summaries of earlier calls (never their transcripts) and the next free slots.
 * A returning caller with a name gets the returning-caller greeting through the renderer.
 */
@Singleton
public class CallerMemory {
    /** earlier calls shown to the model, newest first */
    static final int EARLIER_CALLS = 3;

    private final CallService calls;
    private final MeetingService meetings;
    private final AvailabilityService availability;

    CallerMemory(CallService calls, MeetingService meetings, AvailabilityService availability) {
        this.calls = calls;
        this.meetings = meetings;
        this.availability = availability;
    }

    /** @param callId the current call, left out of "earlier calls"; null in a chat without a call record */
    public PromptContext promptContext(Tenant tenant, Lead lead, @Nullable Long callId, Instant now) {
        Map<String, String> known = new LinkedHashMap<>();
        if (lead.name() != null) {
            known.put("name", lead.name());
        }
        if (lead.email() != null) {
            known.put("email", lead.email());
        }
        known.putAll(lead.qualification());
        List<String> upcoming = meetings.upcoming(tenant, lead.id()).stream().map(m -> meetingLine(tenant, m))
                .toList();
        List<String> earlier = calls.summarizedCalls(tenant, lead.id(), callId, EARLIER_CALLS).stream()
                .map(c -> earlierLine(tenant, c)).toList();
        List<String> slots = availability.free(tenant, now, now.plus(Duration.ofDays(
                        availability.settings().searchDays())), availability.settings().maxSlots()).stream()
                .map(s -> ToolJson.local(s.start(), tenant.zoneId())).toList();
        return new PromptContext(now, lead.phone(), lead.name(), lead.qualification(), known, upcoming, earlier,
                slots);
    }

    private static String meetingLine(Tenant tenant, Meeting m) {
        return "meeting " + m.id() + ": " + m.kind().id() + " " + ToolJson.local(m.startsAt(), tenant.zoneId())
                + (m.address() == null ? "" : " " + m.address());
    }

    private static String earlierLine(Tenant tenant, Call c) {
        return ToolJson.local(c.startedAt(), tenant.zoneId()) + (c.outcome() == null ? "" : " [" + c.outcome().id()
                + "]") + ": " + c.summary();
    }
}
