package io.moked.telephony.twilio;

import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.moked.pipeline.MediaOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent audio onto a Twilio media stream: {@code media} (μ-law 8 kHz), {@code mark} and {@code clear} messages
 * (encoded by {@link TwilioCodec}) on the call's WebSocket. Sends are asynchronous (Netty queues them in order).
 */
public final class TwilioMediaOutput implements MediaOutput {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioMediaOutput.class);
    private final WebSocketSession session;
    /** Used by the call's pacing drain only (one send at a time). */
    private final TwilioCodec.StreamEncoder encoder;

    public TwilioMediaOutput(WebSocketSession session, String streamSid) {
        this.session = session;
        this.encoder = new TwilioCodec.StreamEncoder(streamSid);
    }

    @Override
    public void sendAudio(short[] pcm8k) {
        send(encoder.media(pcm8k));
    }

    @Override
    public void sendMark(String name) {
        send(encoder.mark(name));
    }

    @Override
    public void clear() {
        send(encoder.clear());
    }

    /** Ends the stream: {@code <Connect>} is over, and Twilio asks the Connect action URL what follows. */
    public void close() {
        if (session.isOpen()) {
            session.close(CloseReason.NORMAL);
        }
    }

    private void send(String json) {
        if (!session.isOpen()) {
            return;
        }
        session.sendAsync(json).whenComplete((sent, error) -> {
            if (error != null) {
                LOG.debug("media stream send failed: {}", error.toString());
            }
        });
    }
}
