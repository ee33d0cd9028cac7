package io.moked.agent.tools;

import java.time.Instant;

/**
 * What a tool decided for the live call; the call path carries it out (a Twilio redirect, a hang-up). Tools only
 * decide, so they run the same in a chat and in tests.
 */
public sealed interface CallDecision {
    /** Connect the caller to {@code number} (E.164), saying {@code say} first. */
    record Transfer(String number, String reason, String say) implements CallDecision {
    }

    /** No one can take the call now: a call-back was recorded on the lead, expected from {@code expectedFrom}. */
    record Callback(Instant expectedFrom, String reason, String say) implements CallDecision {
    }

    /** End the call after saying {@code say}. */
    record EndCall(String reason, String say) implements CallDecision {
    }
}
