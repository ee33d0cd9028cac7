package io.moked.telephony.twilio;

import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnError;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import io.moked.audio.MuLaw;
import io.moked.call.CallMetrics;
import io.moked.call.CallRegistry;
import io.moked.call.CallSession;
import io.moked.call.CallSessionFactory;
import io.moked.call.CallSlot;
import io.moked.pipeline.EndFrame;
import io.moked.pipeline.HangupFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Twilio Media Streams: one WebSocket per call. Runs on the Netty event loop, so it only parses, decodes μ-law and
 * queues frames; the call's pipeline does the rest on its executors. Bad messages (malformed JSON, bad base64,
 * unknown events, media before start) are logged and counted and the call goes on; a socket that closes without
 * {@code stop} ends the call cleanly. State lives in the WebSocket session, one per call.
 */
@ServerWebSocket(MediaStreamSocket.PATH)
public class MediaStreamSocket {
    public static final String PATH = "/twilio/media";
    private static final Logger LOG = LoggerFactory.getLogger(MediaStreamSocket.class);
    private static final String STATE = "moked.stream";
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]{2,64}");

    private final JsonMapper json;
    private final CallRegistry registry;
    private final CallSessionFactory sessions;
    private final CallMetrics metrics;

    public MediaStreamSocket(JsonMapper json, CallRegistry registry, CallSessionFactory sessions,
                             CallMetrics metrics) {
        this.json = json;
        this.registry = registry;
        this.sessions = sessions;
        this.metrics = metrics;
    }

    /** Per-socket state. */
    private static final class Stream {
        final Set<Long> signedTenants;
        volatile CallSession call;

        Stream(Set<Long> signedTenants) {
            this.signedTenants = signedTenants;
        }
    }

    @OnOpen
    public void onOpen(WebSocketSession session, HttpRequest<?> request) {
        @SuppressWarnings("unchecked")
        Set<Long> signed = request.getAttribute(MediaStreamSignatureFilter.SIGNED_TENANTS, Set.class).orElse(Set.of());
        session.put(STATE, new Stream(signed));
    }

    @OnMessage
    public void onMessage(String text, WebSocketSession session) {
        long now = System.nanoTime();
        Stream stream = session.get(STATE, Stream.class).orElse(null);
        if (stream == null) {
            return;
        }
        CallSession call = stream.call;
        if (call != null) {
            call.enterLogContext();
        }
        try {
            TwilioStreamMessage message;
            try {
                message = json.readValue(text, TwilioStreamMessage.class);
            } catch (Exception e) {
                malformed("json", "unparsable message (" + e.getClass().getSimpleName() + ")");
                return;
            }
            if (message == null) {
                malformed("json", "empty message");
                return;
            }
            dispatch(message, stream, session, now);
        } catch (RuntimeException e) {
            // one bad message must not end the call
            metrics.malformed("handler_error");
            LOG.error("media stream message failed", e);
        } finally {
            MDC.clear();
        }
    }

    private void dispatch(TwilioStreamMessage message, Stream stream, WebSocketSession session, long now) {
        CallSession call = stream.call;
        switch (message.eventType()) {
            case CONNECTED -> LOG.debug("media stream connected");
            case START -> start(message, stream, session, now);
            case MEDIA -> {
                if (call == null) {
                    malformed("media_before_start", "media before start");
                    return;
                }
                TwilioStreamMessage.Media media = message.media();
                if (media == null || media.payload() == null) {
                    malformed("media_payload", "media without payload");
                    return;
                }
                if (media.track() != null && !"inbound".equals(media.track())) {
                    return; // only the caller's side is processed
                }
                byte[] ulaw;
                try {
                    ulaw = Base64.getDecoder().decode(media.payload());
                } catch (IllegalArgumentException e) {
                    malformed("base64", "media payload is not base64");
                    return;
                }
                if (ulaw.length > 0) {
                    call.audio(MuLaw.decode(ulaw), now);
                }
            }
            case MARK -> {
                if (call != null && message.mark() != null && message.mark().name() != null) {
                    call.mark(message.mark().name(), now);
                } else {
                    malformed("mark", "mark without a call or a name");
                }
            }
            case DTMF -> {
                if (call != null && message.dtmf() != null && message.dtmf().digit() != null) {
                    call.dtmf(message.dtmf().digit(), now);
                } else {
                    malformed("dtmf", "dtmf without a call or a digit");
                }
            }
            case STOP -> {
                if (call != null) {
                    call.end(EndFrame.Reason.STREAM_STOPPED);
                }
            }
            default -> malformed("unknown_event", "unknown event '" + message.event() + "'");
        }
    }

    private void start(TwilioStreamMessage message, Stream stream, WebSocketSession session, long now) {
        if (stream.call != null) {
            malformed("duplicate_start", "second start on one stream");
            return;
        }
        TwilioStreamMessage.Start start = message.start();
        String callSid = start == null ? null : start.callSid();
        String streamSid = start != null && start.streamSid() != null ? start.streamSid() : message.streamSid();
        if (callSid == null || streamSid == null || !SID.matcher(callSid).matches()
                || !SID.matcher(streamSid).matches()) {
            refuse(session, "start without valid callSid/streamSid");
            return;
        }
        CallSlot slot = registry.find(callSid).orElse(null);
        if (slot == null || slot.plan() == null) {
            refuse(session, "stream for call " + callSid + " that this appliance did not admit");
            return;
        }
        if (!stream.signedTenants.contains(slot.tenantId())) {
            refuse(session, "stream for call " + callSid + " was not signed by its tenant's account");
            return;
        }
        TwilioStreamMessage.MediaFormat format = start.mediaFormat();
        if (format != null && (!"audio/x-mulaw".equalsIgnoreCase(format.encoding()) || format.sampleRate() != 8000
                || format.channels() != 1)) {
            LOG.warn("call {}: unexpected media format {}; treating it as 8 kHz μ-law", callSid, format);
        }
        if (!slot.markStreaming()) {
            refuse(session, "second media stream for call " + callSid);
            return;
        }
        CallSession call = sessions.create(slot, new TwilioMediaOutput(session, streamSid, reason -> {
            if (reason == HangupFrame.Reason.TRANSFER && slot.plan().transferNumber() != null) {
                registry.requestTransfer(slot.callSid(), slot.plan().transferNumber());
                slot.agentEnded(EndFrame.Reason.TRANSFERRED);
            } else if (reason == HangupFrame.Reason.VOICEMAIL) {
                registry.requestVoicemail(slot.callSid());
                slot.agentEnded(EndFrame.Reason.VOICEMAIL);
            } else {
                slot.agentEnded(EndFrame.Reason.AGENT_HANGUP);
            }
        }));
        stream.call = call;
        call.enterLogContext();
        LOG.info("media stream {} started (parameters {})", streamSid,
                start.customParameters() == null ? "{}" : start.customParameters().keySet());
        call.start(now);
    }

    @OnClose
    public void onClose(WebSocketSession session, CloseReason reason) {
        session.get(STATE, Stream.class).ifPresent(stream -> {
            CallSession call = stream.call;
            if (call != null) {
                call.enterLogContext();
                try {
                    EndFrame.Reason byAgent = call.slot().agentEnded();
                    call.end(byAgent != null ? byAgent : EndFrame.Reason.SOCKET_CLOSED);
                } finally {
                    MDC.clear();
                }
            }
        });
    }

    @OnError
    public void onError(WebSocketSession session, Throwable error) {
        LOG.warn("media stream error: {}", error.toString());
    }

    private void malformed(String kind, String detail) {
        metrics.malformed(kind);
        LOG.warn("media stream: {} (ignored, the call goes on)", detail);
    }

    private void refuse(WebSocketSession session, String why) {
        metrics.malformed("refused_stream");
        LOG.warn("media stream refused: {}", why);
        session.close(CloseReason.POLICY_VIOLATION);
    }
}
