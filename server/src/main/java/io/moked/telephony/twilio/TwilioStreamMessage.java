package io.moked.telephony.twilio;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * One message Twilio sends on a Media Streams WebSocket ({@code connected}, {@code start}, {@code media},
 * {@code mark}, {@code dtmf}, {@code stop}); only the part named by {@code event} is present.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record TwilioStreamMessage(@Nullable String event, @Nullable String sequenceNumber,
                                  @Nullable String streamSid, @Nullable Start start, @Nullable Media media,
                                  @Nullable Mark mark, @Nullable Dtmf dtmf, @Nullable Stop stop) {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Start(@Nullable String streamSid, @Nullable String accountSid, @Nullable String callSid,
                        @Nullable Map<String, String> customParameters, @Nullable MediaFormat mediaFormat) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MediaFormat(@Nullable String encoding, int sampleRate, int channels) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Media(@Nullable String track, @Nullable String chunk, @Nullable String timestamp,
                       @Nullable String payload) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Mark(@Nullable String name) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dtmf(@Nullable String track, @Nullable String digit) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stop(@Nullable String accountSid, @Nullable String callSid) {
    }

    /** The events the appliance understands; anything else is counted as unknown. */
    public enum Event {
        CONNECTED, START, MEDIA, MARK, DTMF, STOP, UNKNOWN;

        public static Event of(String name) {
            if (name == null) {
                return UNKNOWN;
            }
            for (Event e : values()) {
                if (e != UNKNOWN && e.name().equalsIgnoreCase(name)) {
                    return e;
                }
            }
            return UNKNOWN;
        }
    }

    public Event eventType() {
        return Event.of(event);
    }
}
