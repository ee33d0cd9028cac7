package io.moked.telephony.twilio;

import io.micronaut.http.HttpRequest;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnError;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import io.moked.audio.MuLaw;
import io.moked.call.CallAnswering;
import io.moked.call.CallMetrics;
import io.moked.call.CallPlan;
import io.moked.call.CallRegistry;
import io.moked.call.CallSession;
import io.moked.call.CallSessionFactory;
import io.moked.call.CallSlot;
import io.moked.call.MediaStreamConfig;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import io.moked.pipeline.CallEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Twilio Media Streams: one WebSocket per call. Runs on the Netty event loop, so it only decodes messages
 * ({@link TwilioCodec}) and μ-law and queues frames; the call's pipeline does the rest on its executors. Bad messages (malformed JSON, bad base64,
 * unknown events, media before start) are logged and counted and the call goes on; a socket that closes without
 * {@code stop} ends the call cleanly. State lives in the WebSocket session, one per call.
 *
 * <p>A stream is bound to its call: its {@code start} must name a call admitted here, of a tenant whose token
 * signed the upgrade, and carry the call's stream token (sent in the TwiML's {@code <Parameter>}); a call has one
 * live stream; a socket that sends no valid {@code start} within {@code moked.call.media-stream.start-timeout-ms}
 * is closed. Message size is capped before this class sees a message ({@link MediaMessageSizeLimit}).
 */
@ServerWebSocket(MediaStreamSocket.PATH)
public class MediaStreamSocket {
    public static final String PATH = "/twilio/media";
    private static final Logger LOG = LoggerFactory.getLogger(MediaStreamSocket.class);
    private static final String STATE = "moked.stream";
    /** Malformed messages of one stream that are logged; the rest are only counted. */
    static final int MALFORMED_LOGGED_PER_STREAM = 10;
    /** Messages kept while a start waits for its call's plan: 10 s of 20 ms frames, far more than preparing takes. */
    static final int MAX_HELD_MESSAGES = 500;
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]{2,64}");

    private final CallRegistry registry;
    private final CallSessionFactory sessions;
    private final CallMetrics metrics;
    private final MediaStreamConfig config;
    private final TaskScheduler scheduler;

    public MediaStreamSocket(CallRegistry registry, CallSessionFactory sessions, CallMetrics metrics,
                             MediaStreamConfig config, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.registry = registry;
        this.sessions = sessions;
        this.metrics = metrics;
        this.config = config;
        this.scheduler = scheduler;
    }

    /** Per-socket state. */
    private static final class Stream {
        final Set<Long> signedTenants;
        volatile CallSession call;
        /** The start waits for the call's plan ({@link CallSlot#planned()}); guarded by this stream's monitor. */
        boolean preparing;
        /**
         * Messages that came while the start waited (caller audio, marks, a stop), handed to the call in order once
         * it exists, with the time each was received: nothing the caller said is lost or counted differently.
         */
        final List<Held> held = new ArrayList<>();
        /** Malformed messages seen on this socket (guarded by this stream's monitor). */
        int malformedSeen;

        Stream(Set<Long> signedTenants) {
            this.signedTenants = signedTenants;
        }
    }

    /** A message received while the call was being prepared. */
    private record Held(TwilioCodec.Inbound message, long receivedNanos) {
    }

    @OnOpen
    public void onOpen(WebSocketSession session, HttpRequest<?> request) {
        @SuppressWarnings("unchecked")
        Set<Long> signed = request.getAttribute(MediaStreamSignatureFilter.SIGNED_TENANTS, Set.class).orElse(Set.of());
        Stream stream = new Stream(signed);
        session.put(STATE, stream);
        // an upgrade signature can be replayed: a socket that never binds itself to a call must not stay open
        scheduler.schedule(Duration.ofMillis(config.startTimeoutMs()), () -> {
            if (stream.call == null && session.isOpen()) {
                metrics.malformed("no_start");
                LOG.warn("media stream closed: no valid start within {} ms", config.startTimeoutMs());
                session.close(CloseReason.POLICY_VIOLATION);
            }
        });
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
        // the monitor is only ever contended, briefly, by a start handing on what was held while its call's plan
        // was made (CallSlot#planned)
        synchronized (stream) {
            dispatchSafely(text, stream, session, now);
        }
    }

    private void dispatchSafely(String text, Stream stream, WebSocketSession session, long now) {
        try {
            dispatch(TwilioCodec.decode(text), stream, session, now);
        } catch (RuntimeException e) {
            // one bad message must not end the call
            metrics.malformed("handler_error");
            if (stream.malformedSeen++ < MALFORMED_LOGGED_PER_STREAM) {
                LOG.error("media stream message failed", e);
            }
        } finally {
            MDC.clear();
        }
    }

    private void dispatchHeld(Held held, Stream stream, WebSocketSession session) {
        try {
            dispatch(held.message(), stream, session, held.receivedNanos());
        } catch (RuntimeException e) {
            metrics.malformed("handler_error");
            if (stream.malformedSeen++ < MALFORMED_LOGGED_PER_STREAM) {
                LOG.error("media stream message failed", e);
            }
        }
    }

    private void dispatch(TwilioCodec.Inbound message, Stream stream, WebSocketSession session, long now) {
        CallSession call = stream.call;
        if (stream.preparing) {
            // the call's pipeline does not exist yet: keep the message for it (bounded; preparing takes milliseconds)
            if (stream.held.size() < MAX_HELD_MESSAGES) {
                stream.held.add(new Held(message, now));
            } else {
                malformed(stream, "held_overflow", "more than " + MAX_HELD_MESSAGES + " messages before the call was ready");
            }
            return;
        }
        if (message instanceof TwilioCodec.Media media) {
            if (call == null) {
                malformed(stream, "media_before_start", "media before start");
            } else if (media.isCaller() && media.ulaw().length > 0) {
                call.audio(MuLaw.decode(media.ulaw()), media.chunk(), media.timestamp(), now);
            }
        } else if (message instanceof TwilioCodec.Mark mark) {
            if (call == null) {
                malformed(stream, "mark", "mark without a call");
            } else {
                call.mark(mark.name(), now);
            }
        } else if (message instanceof TwilioCodec.Dtmf dtmf) {
            if (call == null) {
                malformed(stream, "dtmf", "dtmf without a call");
            } else {
                call.dtmf(dtmf.digit(), now);
            }
        } else if (message instanceof TwilioCodec.Start start) {
            start(start, stream, session, now);
        } else if (message instanceof TwilioCodec.Stop) {
            if (call != null) {
                call.end(CallEnd.STREAM_STOPPED);
            }
        } else if (message instanceof TwilioCodec.Connected) {
            LOG.debug("media stream connected");
        } else if (message instanceof TwilioCodec.Unknown unknown) {
            malformed(stream, "unknown_event", "unknown event '" + unknown.event() + "'");
        } else if (message instanceof TwilioCodec.Malformed bad) {
            malformed(stream, bad.kind().tag(), bad.detail());
        }
    }

    private void start(TwilioCodec.Start start, Stream stream, WebSocketSession session, long now) {
        if (stream.call != null) {
            malformed(stream, "duplicate_start", "second start on one stream");
            return;
        }
        String callSid = start.callSid();
        String streamSid = start.streamSid();
        if (callSid == null || streamSid == null || !SID.matcher(callSid).matches()
                || !SID.matcher(streamSid).matches()) {
            refuse(session, "start without valid callSid/streamSid");
            return;
        }
        CallSlot slot = registry.find(callSid).orElse(null);
        Optional<CompletableFuture<CallPlan>> planned = slot == null ? Optional.empty() : slot.planned();
        if (planned.isEmpty()) {
            refuse(session, "stream for call " + callSid + " that this appliance did not admit");
            return;
        }
        if (!stream.signedTenants.contains(slot.tenantId())) {
            refuse(session, "stream for call " + callSid + " was not signed by its tenant's account");
            return;
        }
        if (!slot.streamTokenMatches(start.customParameters().get(CallAnswering.STREAM_TOKEN_PARAMETER))) {
            refuse(session, "stream for call " + callSid + " without the call's stream token");
            return;
        }
        TwilioCodec.MediaFormat format = start.mediaFormat();
        if (format != null && !format.isTelephoneMuLaw()) {
            LOG.warn("call {}: unexpected media format {}; treating it as 8 kHz μ-law", callSid, format);
        }
        if (!slot.markStreaming()) {
            refuse(session, "second media stream for call " + callSid);
            return;
        }
        CompletableFuture<CallPlan> plan = planned.get();
        if (plan.isDone() && !plan.isCompletedExceptionally()) {
            begin(slot, start, stream, session, now);
            return;
        }
        // the webhook answered before the call's plan was made (usually done long before Twilio opens the stream):
        // the start goes on when it is, on the thread that made it; the caller's audio until then is not used
        stream.preparing = true;
        plan.whenComplete((ready, error) -> {
            if (error != null) {
                synchronized (stream) {
                    stream.preparing = false;
                    stream.held.clear();
                }
                refuse(session, "call " + callSid + " could not be prepared for the assistant");
                return;
            }
            // the pipeline is built outside the stream's monitor, so the socket's event loop never waits for it:
            // messages arriving meanwhile are still held, and handed on below, in order, before any newer one
            begin(slot, start, stream, session, System.nanoTime());
            synchronized (stream) {
                stream.preparing = false;
                List<Held> held = List.copyOf(stream.held);
                stream.held.clear();
                if (stream.call != null) {
                    for (Held h : held) {
                        dispatchHeld(h, stream, session);
                    }
                }
                CallSession call = stream.call;
                if (call != null && !session.isOpen()) {
                    call.end(CallEnd.SOCKET_CLOSED); // closed while it waited: onClose found no call to end
                }
            }
            MDC.clear();
        });
    }

    /** The call's plan is ready: its pipeline is built and started. */
    private void begin(CallSlot slot, TwilioCodec.Start start, Stream stream, WebSocketSession session, long now) {
        TwilioMediaOutput output = new TwilioMediaOutput(session, start.streamSid());
        CallSession call;
        try {
            call = sessions.create(slot, output, output::close);
        } catch (RuntimeException e) {
            LOG.error("call {}: the assistant could not start; ending the call", slot.callSid(), e);
            sessions.failedToStart(slot);
            session.close(CloseReason.INTERNAL_ERROR);
            return;
        }
        stream.call = call;
        call.enterLogContext();
        LOG.info("media stream {} started (parameters {})", start.streamSid(), start.customParameters().keySet());
        call.start(now);
    }

    @OnClose
    public void onClose(WebSocketSession session, CloseReason reason) {
        session.get(STATE, Stream.class).ifPresent(stream -> {
            CallSession call = stream.call;
            if (call != null) {
                call.enterLogContext();
                try {
                    call.end(CallEnd.SOCKET_CLOSED); // unless the call's ending was decided before
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

    /**
     * Counts a message that could not be used; logs only the first {@link #MALFORMED_LOGGED_PER_STREAM} of a stream
     * (a client sending garbage 1000 times a second must not write 1000 log lines a second).
     */
    private void malformed(Stream stream, String kind, String detail) {
        metrics.malformed(kind);
        int n = ++stream.malformedSeen;
        if (n > MALFORMED_LOGGED_PER_STREAM) {
            return;
        }
        if (n == MALFORMED_LOGGED_PER_STREAM) {
            LOG.warn("media stream: {} (ignored; further malformed messages of this stream are counted in "
                    + "moked_twilio_malformed_messages_total, not logged)", detail);
            return;
        }
        LOG.warn("media stream: {} (ignored, the call goes on)", detail);
    }

    private void refuse(WebSocketSession session, String why) {
        metrics.malformed("refused_stream");
        LOG.warn("media stream refused: {}", why);
        session.close(CloseReason.POLICY_VIOLATION);
    }
}
