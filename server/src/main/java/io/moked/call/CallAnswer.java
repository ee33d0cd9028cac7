package io.moked.call;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happens with a call, decided by {@link CallAnswering} and translated to TwiML in one place at the telephony
 * edge: at the voice webhook (stream, busy, degraded, unknown number) and when the media stream has ended (dial,
 * voicemail, hang up).
 */
public sealed interface CallAnswer {
    /** The assistant takes the call over a media stream; {@code parameters} travel with the stream's start. */
    record Stream(Map<String, String> parameters) implements CallAnswer {
        public Stream {
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    /** The appliance or the tenant is at its concurrent-call limit: the tenant's busy message, then hang up. */
    record Busy(String message, String language) implements CallAnswer {
    }

    /** The number belongs to no tenant: the appliance's apology, then hang up. */
    record UnknownNumber(String message, String language) implements CallAnswer {
    }

    /** The assistant cannot take the call (engines not ready, no active prompt): voicemail instead. */
    record Degraded(String reason, Voicemail voicemail) implements CallAnswer {
    }

    /** The tenant's voicemail prompt, then record up to {@code maxSeconds}. */
    record Voicemail(String prompt, String language, int maxSeconds) implements CallAnswer {
    }

    /** After the stream: connect the caller to {@code number} (the agent transferred the call). */
    record Dial(String number) implements CallAnswer {
    }

    /** After the stream: nothing follows. */
    record Hangup() implements CallAnswer {
    }
}
