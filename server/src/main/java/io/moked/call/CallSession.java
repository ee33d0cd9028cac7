package io.moked.call;

import io.moked.audio.AudioFormat;
import io.moked.pipeline.DtmfFrame;
import io.moked.pipeline.EndFrame;
import io.moked.pipeline.FrameProcessor;
import io.moked.pipeline.InputAudioFrame;
import io.moked.pipeline.MarkEchoFrame;
import io.moked.pipeline.Pipeline;
import io.moked.pipeline.StartFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One live call: only wiring between the media stream and the call's pipeline. Inputs are cheap and non-blocking
 * (they queue frames), so the socket may call them on a Netty event loop.
 */
public final class CallSession {
    private static final Logger LOG = LoggerFactory.getLogger(CallSession.class);
    /** How long an ending call waits for its pipeline to drain before it is finished anyway. */
    private static final long END_DRAIN_TIMEOUT_MS = 5_000;

    private final CallSlot slot;
    private final Pipeline pipeline;
    private final FrameProcessor output;
    private final CallRecorder recorder;
    private final CallRegistry registry;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private long samplesIn;

    CallSession(CallSlot slot, Pipeline pipeline, FrameProcessor output, CallRecorder recorder,
                CallRegistry registry) {
        this.slot = slot;
        this.pipeline = pipeline;
        this.output = output;
        this.recorder = recorder;
        this.registry = registry;
    }

    public CallSlot slot() {
        return slot;
    }

    public void start(long startNanos) {
        pipeline.queue(new StartFrame(startNanos));
    }

    /** Caller audio, 8 kHz PCM16, in stream order. */
    public void audio(short[] pcm8k, long receivedNanos) {
        long offsetMs = samplesIn * 1000 / AudioFormat.TELEPHONE_SAMPLE_RATE_HZ;
        samplesIn += pcm8k.length;
        pipeline.queue(new InputAudioFrame(pcm8k, AudioFormat.TELEPHONE_SAMPLE_RATE_HZ, offsetMs, receivedNanos));
    }

    public void mark(String name, long receivedNanos) {
        pipeline.queueAt(output, new MarkEchoFrame(name, receivedNanos));
    }

    public void dtmf(String digit, long receivedNanos) {
        pipeline.queue(new DtmfFrame(digit, receivedNanos));
    }

    /**
     * Ends the call once (stop, socket closed, shutdown): the pipeline drains, the recording and the call row are
     * finished, the slot is freed.
     */
    public CompletableFuture<Void> end(EndFrame.Reason reason) {
        if (!ended.compareAndSet(false, true)) {
            return finished;
        }
        LOG.info("call ending: {}", reason);
        pipeline.queue(new EndFrame(reason));
        pipeline.ended().orTimeout(END_DRAIN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .handle((end, error) -> {
                    if (error != null) {
                        withCallLog(() -> LOG.warn("pipeline did not drain within {} ms; finishing the call anyway",
                                END_DRAIN_TIMEOUT_MS));
                    }
                    return null;
                })
                .thenCompose(ignored -> recorder.finish(reason.name().toLowerCase()))
                .whenComplete((ignored, error) -> {
                    registry.release(slot.callSid());
                    finished.complete(null);
                });
        return finished;
    }

    public CompletableFuture<Void> finished() {
        return finished;
    }

    private void withCallLog(Runnable r) {
        pipeline.context().withLogContext(r).run();
    }

    /** Sets this call's logging context on the current thread (the socket's messages are logged with it). */
    public void enterLogContext() {
        MDC.setContextMap(pipeline.context().logContext());
    }
}
