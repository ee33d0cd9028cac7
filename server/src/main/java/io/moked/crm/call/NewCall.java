package io.moked.crm.call;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A call as the voice webhook sees it.
 *
 * @param status    the status Twilio reported with the webhook (usually ringing)
 * @param startedAt null = now
 */
public record NewCall(String callSid, String from, String to, Direction direction, CallStatus status,
                      @Nullable Instant startedAt) {

    public static NewCall inbound(String callSid, String from, String to) {
        return new NewCall(callSid, from, to, Direction.INBOUND, CallStatus.RINGING, null);
    }
}
