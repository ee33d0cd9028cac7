package io.moked.cli.sim;

import io.moked.cli.CliRuntime;

/**
 * What the simulators take from the appliance's own configuration (same data directory and database): the tenant's
 * Twilio credentials and a text-to-speech engine for the caller's {@code say:} lines.
 */
final class SimServices {
    private SimServices() {
    }

    static TwilioAccountSource accounts(CliRuntime runtime) {
        return TwilioAccountSource.NONE;
    }

    static CallerVoiceFactory.Voice voice(CliRuntime runtime) {
        return CallerVoiceFactory.Voice.unavailable("this build has no text-to-speech engine");
    }

    static TranscriptSource transcripts(CliRuntime runtime) {
        return TranscriptSource.unavailable("this build cannot read calls from the appliance's database");
    }
}
