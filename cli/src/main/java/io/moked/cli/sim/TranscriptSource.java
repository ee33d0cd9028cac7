package io.moked.cli.sim;

import java.util.List;

/** The turns the appliance stored for a call, read back to print the transcript of a simulated call. */
public interface TranscriptSource {
    /**
     * @param role      "caller" or "agent"
     * @param latencyMs the appliance's own turn latency for agent turns (end of caller speech → first audio sent),
     *                  or -1
     */
    record Line(String role, String text, long latencyMs, boolean interrupted) {
    }

    /** @return the call's turns so far, oldest first (empty when the call is not known yet) */
    List<Line> turns(String callSid) throws Exception;

    /** Why no transcript can be shown, or null when this source is usable. */
    default String unavailableReason() {
        return null;
    }

    static TranscriptSource unavailable(String why) {
        return new TranscriptSource() {
            @Override
            public List<Line> turns(String callSid) {
                return List.of();
            }

            @Override
            public String unavailableReason() {
                return why;
            }
        };
    }
}
