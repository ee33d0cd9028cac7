package io.moked.call;

import io.moked.audio.AudioFormat;
import io.moked.llm.LlmRouter;
import io.moked.pipeline.CallEnd;
import io.moked.pipeline.DtmfFrame;
import io.moked.pipeline.EndFrame;
import io.moked.pipeline.Frame;
import io.moked.pipeline.FrameProcessor;
import io.moked.pipeline.HangupFrame;
import io.moked.pipeline.InputAudioFrame;
import io.moked.pipeline.MarkEchoFrame;
import io.moked.pipeline.Pipeline;
import io.moked.pipeline.PipelineContext;
import io.moked.pipeline.StartFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One live call: wiring between the media stream and the call's pipeline, and its one ending. Inputs are cheap and
 * non-blocking (they queue frames), so the socket may call them on a Netty event loop. The call ends once, with the
 * first {@link CallEnd} decided (the agent's hang-up, transfer or voicemail, Twilio's stop, the socket closing,
 * shutdown): the pipeline drains, the engines drop what they kept for the call, the recording and the call row are
 * finished, the slot is freed.
 */
public final class CallSession {
    private static final Logger LOG = LoggerFactory.getLogger(CallSession.class);
    /** How long an ending call waits for its pipeline to drain before it is finished anyway. */
    private static final long END_DRAIN_TIMEOUT_MS = 5_000;

    private final CallSlot slot;
    private final Pipeline pipeline;
    private final FrameProcessor markInput;
    private final CallRecorder recorder;
    private final CallRegistry registry;
    private final LlmRouter llm;
    private final Runnable closeStream;
    /** Redirects a transferred call through Twilio's REST API, or null (the Connect action dials). */
    private final Transfer transfer;
    private final java.util.concurrent.Executor transferExecutor;
    private final InboundTimeline inbound;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    /** A transfer carried out on the live call; blocking (HTTP), run on a worker. False: Twilio did not take it. */
    interface Transfer {
        boolean redirect(String say);
    }

    /**
     * @param processors  the call's processors, caller side first
     * @param markInput   the processor mark echoes go to (the output pacing)
     * @param llm         told when the call ends, so a local model frees what it kept for the conversation
     * @param closeStream closes the media stream (the agent ended the call; Twilio then asks what follows)
     * @param inbound     places caller frames on Twilio's clock, counts lost/duplicate/dropped ones
     */
    CallSession(CallSlot slot, List<FrameProcessor> processors, PipelineContext context, FrameProcessor markInput,
                CallRecorder recorder, CallRegistry registry, LlmRouter llm, Runnable closeStream,
                InboundTimeline inbound) {
        this(slot, processors, context, markInput, recorder, registry, llm, closeStream, inbound, null, null);
    }

    /**
     * @param transfer         carries out a transfer (Twilio REST redirect), or null
     * @param transferExecutor where the redirect's HTTP request runs (never the pipeline or a Netty thread)
     */
    CallSession(CallSlot slot, List<FrameProcessor> processors, PipelineContext context, FrameProcessor markInput,
                CallRecorder recorder, CallRegistry registry, LlmRouter llm, Runnable closeStream,
                InboundTimeline inbound, Transfer transfer, java.util.concurrent.Executor transferExecutor) {
        this.slot = slot;
        this.pipeline = new Pipeline(processors, context, this::leftPipeline);
        this.markInput = markInput;
        this.recorder = recorder;
        this.registry = registry;
        this.llm = llm;
        this.closeStream = closeStream;
        this.transfer = transfer;
        this.transferExecutor = transferExecutor;
        this.inbound = inbound;
    }

    public CallSlot slot() {
        return slot;
    }

    public void start(long startNanos) {
        inbound.start(startNanos);
        pipeline.queue(new StartFrame(startNanos));
    }

    /** Caller audio, 8 kHz PCM16, in stream order, without Twilio's chunk number and timestamp. */
    public void audio(short[] pcm8k, long receivedNanos) {
        audio(pcm8k, null, null, receivedNanos);
    }

    /**
     * Caller audio, 8 kHz PCM16, placed at Twilio's {@code timestamp}; a duplicate chunk or audio beyond real time
     * is dropped (and counted).
     */
    public void audio(short[] pcm8k, Long chunk, Long timestampMs, long receivedNanos) {
        long offsetMs = inbound.place(chunk, timestampMs, pcm8k.length, receivedNanos);
        if (offsetMs != InboundTimeline.DROP) {
            pipeline.queue(new InputAudioFrame(pcm8k, AudioFormat.TELEPHONE_SAMPLE_RATE_HZ, offsetMs,
                    receivedNanos));
        }
    }

    /** The caller's frames so far: received, lost, duplicate, dropped. */
    public InboundTimeline.Stats inboundFrames() {
        return inbound.stats();
    }

    public void mark(String name, long receivedNanos) {
        pipeline.queueAt(markInput, new MarkEchoFrame(name, receivedNanos));
    }

    public void dtmf(String digit, long receivedNanos) {
        pipeline.queue(new DtmfFrame(digit, receivedNanos));
    }

    /** A hang-up leaves the pipeline once the caller heard everything before it: the agent ends the call. */
    private void leftPipeline(Frame frame) {
        if (frame instanceof HangupFrame hangup) {
            CallEnd decided = slot.end(hangup.ending());
            withCallLog(() -> LOG.info("the agent ends the call: {}", decided.id()));
            if (decided == CallEnd.TRANSFERRED && transfer != null) {
                // Twilio dials with a ring timeout and a voicemail fallback; if it cannot be asked, closing the
                // stream lets the Connect action dial instead
                transferExecutor.execute(pipeline.context().withLogContext(() -> {
                    try {
                        transfer.redirect(hangup.say());
                    } finally {
                        try {
                            closeStream.run();
                        } finally {
                            end(decided);
                        }
                    }
                }));
                return;
            }
            try {
                closeStream.run();
            } finally {
                end(decided);
            }
        }
    }

    /**
     * Ends the call once: the first ending decided for the call is the one recorded (a socket closing after the
     * agent transferred the call stays a transfer).
     */
    public CompletableFuture<Void> end(CallEnd reason) {
        if (!ended.compareAndSet(false, true)) {
            return finished;
        }
        CallEnd decided = slot.end(reason);
        LOG.info("call ending: {}", decided.id());
        pipeline.queue(new EndFrame(decided));
        pipeline.ended().orTimeout(END_DRAIN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .handle((end, error) -> {
                    if (error != null) {
                        withCallLog(() -> LOG.warn("pipeline did not drain within {} ms; finishing the call anyway",
                                END_DRAIN_TIMEOUT_MS));
                    }
                    releaseEngines();
                    return null;
                })
                .thenCompose(ignored -> recorder.finish(decided.id(), inbound.stats()))
                .whenComplete((ignored, error) -> {
                    registry.release(slot.callSid());
                    finished.complete(null);
                });
        return finished;
    }

    public CompletableFuture<Void> finished() {
        return finished;
    }

    /** Per-call engine state (a local model's cache slot pinned to this call) is released with the call. */
    private void releaseEngines() {
        try {
            llm.endSession(slot.callSid());
        } catch (RuntimeException e) {
            withCallLog(() -> LOG.warn("engines could not release the call's session: {}", e.toString()));
        }
    }

    private void withCallLog(Runnable r) {
        pipeline.context().withLogContext(r).run();
    }

    /** Sets this call's logging context on the current thread (the socket's messages are logged with it). */
    public void enterLogContext() {
        MDC.setContextMap(pipeline.context().logContext());
    }
}
