package io.moked.crm.meeting;

import java.time.Instant;

/** A free interval of the tenant's calendar, [start, end). */
public record Slot(Instant start, Instant end) {
}
