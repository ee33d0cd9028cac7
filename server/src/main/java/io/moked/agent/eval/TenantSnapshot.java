package io.moked.agent.eval;

import io.micronaut.core.annotation.Nullable;
import io.moked.crm.lead.LeadStatus;
import io.moked.crm.meeting.MeetingKind;
import io.moked.crm.prompt.Channel;
import io.moked.crm.tenant.TenantSpec;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a prompt eval copies of a tenant into its throw-away database ({@link TenantSnapshots}): the configuration
 * (persona, scoring, hours, messages...), every prompt version of the voice and chat channels with the active one,
 * the lead statuses, the booked meetings of the coming weeks (so the diary is as full as the real one; each with its
 * lead's phone only) and the leads of the eval's callers (so a returning caller is recognised). Nothing else: no
 * calls, transcripts, recordings or other leads. Twilio credentials are never copied.
 */
public record TenantSnapshot(TenantSpec spec, List<PromptCopy> prompts, List<LeadStatus> statuses,
                             List<LeadCopy> leads, List<MeetingCopy> meetings) {

    /** One prompt version; {@code active} on the version calls use. */
    public record PromptCopy(Channel channel, int version, String body, @Nullable String note, String author,
                             boolean active) {
    }

    public record LeadCopy(String phone, @Nullable String name, @Nullable String email,
                           Map<String, String> qualification) {
    }

    public record MeetingCopy(String leadPhone, Instant startsAt, Instant endsAt, MeetingKind kind,
                              @Nullable String address) {
    }
}
