package io.moked.crm.meeting;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * How free slots are offered ({@code moked.meetings.*} in application.yml).
 *
 * @param slotStepMinutes  slots start every this many minutes from each opening time
 * @param minNoticeMinutes the earliest slot offered or booked is this far from now
 * @param searchDays       how far ahead the nearest free slots are looked for
 * @param maxSlots         most slots one answer lists (check_availability, {{available_slots}}, alternatives)
 */
@ConfigurationProperties("moked.meetings")
public record MeetingSettings(int slotStepMinutes, int minNoticeMinutes, int searchDays, int maxSlots) {
    public MeetingSettings {
        if (slotStepMinutes < 5 || minNoticeMinutes < 0 || searchDays < 1 || maxSlots < 1) {
            throw new IllegalArgumentException("moked.meetings: slot-step-minutes >= 5, min-notice-minutes >= 0, "
                    + "search-days >= 1, max-slots >= 1");
        }
    }
}
