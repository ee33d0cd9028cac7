package io.moked.call;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Limits of the Twilio media stream, {@code moked.call.media-stream.*} (documented with defaults in
 * application.yml). A Twilio media message is about 300 bytes and carries 20 ms of audio, so anything far beyond
 * that is not Twilio.
 *
 * @param startTimeoutMs   a socket that has not sent a valid {@code start} this long after its upgrade is closed
 * @param maxMessageBytes  longest media stream message accepted (one WebSocket text message, all its fragments);
 *                         a longer one closes the socket (1009 message too big)
 * @param realTimeSlackMs  caller audio may run this far ahead of the time since the stream started (network bursts
 *                         after a stall); audio beyond it is dropped and counted, so a recording is never longer
 *                         than the call
 */
@ConfigurationProperties("moked.call.media-stream")
public record MediaStreamConfig(@Bindable(defaultValue = "5000") long startTimeoutMs,
                                @Bindable(defaultValue = "16384") int maxMessageBytes,
                                @Bindable(defaultValue = "2000") long realTimeSlackMs) {
}
