package io.moked.cli.sim.call;

import java.util.List;

/**
 * What one simulated call measured (milliseconds; -1 = not measured).
 *
 * @param completed the scenario ran to the end and {@code stop} was sent
 * @param errors    error kinds in the order they happened
 */
public record CallResult(String callSid, boolean completed, List<String> errors, double webhookMs,
                         double greetingMs, List<TurnResult> turns, long callerFrames, long agentMessages,
                         long marksEchoed, long durationMs) {
    public CallResult {
        errors = List.copyOf(errors);
        turns = List.copyOf(turns);
    }

    /**
     * @param latencyMs end of the caller's speech → first agent audio
     * @param clearMs   barge-in onset → {@code clear} (barge-in turns only)
     */
    public record TurnResult(int index, String label, boolean bargeIn, long speechMs, double latencyMs,
                             double clearMs) {
    }
}
