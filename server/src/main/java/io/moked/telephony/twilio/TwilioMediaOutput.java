package io.moked.telephony.twilio;

import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.moked.audio.MuLaw;
import io.moked.pipeline.HangupFrame;
import io.moked.pipeline.MediaOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Base64;
import java.util.function.Consumer;

/**
 * Serializes agent audio for Twilio Media Streams: {@code media} (base64 μ-law 8 kHz), {@code mark} and
 * {@code clear} messages on the call's WebSocket. Sends are asynchronous (Netty queues them in order).
 */
public final class TwilioMediaOutput implements MediaOutput {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioMediaOutput.class);
    private final WebSocketSession session;
    private final String streamSid;
    private final Consumer<HangupFrame.Reason> beforeHangup;

    /**
     * @param streamSid    checked to be a plain token by the socket before use, so it needs no JSON escaping
     * @param beforeHangup records why the agent ended the stream (so the Connect action can transfer)
     */
    public TwilioMediaOutput(WebSocketSession session, String streamSid, Consumer<HangupFrame.Reason> beforeHangup) {
        this.session = session;
        this.streamSid = streamSid;
        this.beforeHangup = beforeHangup;
    }

    @Override
    public void sendAudio(short[] pcm8k) {
        String payload = Base64.getEncoder().encodeToString(MuLaw.encode(pcm8k));
        send("{\"event\":\"media\",\"streamSid\":\"" + streamSid + "\",\"media\":{\"payload\":\"" + payload + "\"}}");
    }

    @Override
    public void sendMark(String name) {
        send("{\"event\":\"mark\",\"streamSid\":\"" + streamSid + "\",\"mark\":{\"name\":\"" + name + "\"}}");
    }

    @Override
    public void clear() {
        send("{\"event\":\"clear\",\"streamSid\":\"" + streamSid + "\"}");
    }

    @Override
    public void hangup(HangupFrame.Reason reason) {
        beforeHangup.accept(reason);
        if (session.isOpen()) {
            // closing the stream ends <Connect>; Twilio then asks the Connect action URL what to do next
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
