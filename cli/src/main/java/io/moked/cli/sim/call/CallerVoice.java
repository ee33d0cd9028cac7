package io.moked.cli.sim.call;

/** Turns a scenario's {@code say:} text into caller audio (a TTS engine of the appliance's configuration). */
public interface CallerVoice {
    /**
     * @return 8 kHz μ-law audio of {@code text}
     * @throws Exception when synthesis fails; the message is shown to the user
     */
    byte[] say(String text) throws Exception;

    /** No caller voice is available, or it failed: a run-time failure (exit 1), not bad input. */
    final class SpeechUnavailableException extends RuntimeException {
        public SpeechUnavailableException(String message) {
            super(message);
        }
    }
}
