package io.moked.pipeline.processors;

import io.moked.pipeline.DataFrame;
import io.moked.pipeline.Direction;
import io.moked.pipeline.EndFrame;
import io.moked.pipeline.ErrorFrame;
import io.moked.pipeline.Frame;
import io.moked.pipeline.FrameProcessor;
import io.moked.pipeline.InputAudioFrame;
import io.moked.pipeline.MetricsFrame;
import io.moked.pipeline.SpeechPausedFrame;
import io.moked.pipeline.SpeechResumedFrame;
import io.moked.pipeline.SpeechSegmentFrame;
import io.moked.pipeline.UserSpeechDiscardedFrame;
import io.moked.pipeline.UserStartedSpeakingFrame;
import io.moked.pipeline.UserStoppedSpeakingFrame;
import io.moked.vad.VadEvent;
import io.moked.vad.VadModelClosedException;
import io.moked.vad.VadProcessor;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Voice activity detection and turn segmentation over the caller's audio (Silero VAD and the endpointing of
 * {@link VadProcessor}): the fast speech onset becomes {@link UserStartedSpeakingFrame} (the agent decides
 * barge-in from it), the end of a turn becomes {@link UserStoppedSpeakingFrame} plus the turn's audio as a
 * {@link SpeechSegmentFrame} (with pre-roll, at 16 kHz) for speech-to-text. The model never runs on a Netty thread.
 *
 * <p>Synchronous sources (scripted in tests, unbatched Silero) run on this processor's drain, chunk by chunk.
 * The batched Silero analyzer is asynchronous: a frame's audio is appended and its completed chunks wait in order;
 * they go to the process-wide VAD batcher (one submission of this call in flight at a time: the chunks waiting when
 * it is sent, normally one), whose results come back through {@link #runInOrder} and yield the same events the
 * synchronous path gives, then the chunks that waited meanwhile go.
 * The pipeline thread never waits for the batcher (only a call past {@link #MAX_WAITING_CHUNKS} runs its backlog
 * here), so with one pipeline thread the chunks of many calls meet in one batch. Downstream data frames that arrive while chunks wait are held back behind them, so events and frames
 * leave in the order the synchronous path gives.
 */
public final class VadFrameProcessor extends FrameProcessor {
    /** Inbound lag is reported as the worst of this many frames (10 × 20 ms = 200 ms), not per frame. */
    static final int INBOUND_LAG_WINDOW_FRAMES = 10;
    /**
     * Most chunks one submission carries (16 × 32 ms ≈ 0.5 s): normally one chunk waits when the last comes back,
     * but a call that fell behind (its drain came late) sends what waits, and the batcher runs them in order, each
     * batched with other calls' chunks, so the call catches up at batched cost.
     */
    static final int MAX_CHUNKS_PER_SUBMIT = 16;
    /**
     * Most chunks one call may have waiting (64 × 32 ms ≈ 2 s). More means the batcher itself is behind real time;
     * the backlog is then analysed here, synchronously, once the chunks in flight are back. The held-back audio
     * cannot overrun the pre-roll ring ({@link VadProcessor#append}): this bounds the call's lag.
     */
    static final int MAX_WAITING_CHUNKS = 64;

    private final VadProcessor vad;
    private final boolean async;
    private long worstLagNanos;
    private int lagFrames;
    /**
     * Set when the call ended (the analyzer's native tensors are freed) or the shared model was closed under it
     * (shutdown): the caller's audio is no longer analysed.
     */
    private boolean stopped;
    /** Chunks of this call are with the batcher. */
    private boolean inFlight;
    /** The call ended with chunks in flight: finish and close when they are back (its state is the batcher's till then). */
    private boolean closeWhenBack;
    /** Frames waiting for chunks (asynchronous only): caller frames to report lag for, data frames to pass on. */
    private final ArrayDeque<Mark> marks = new ArrayDeque<>();

    /** Released once {@code chunks} chunks are analysed: a caller frame received at {@code receivedNanos}, or {@code held}. */
    private record Mark(long chunks, long receivedNanos, Frame held) {
    }

    public VadFrameProcessor(VadProcessor vad) {
        super("vad");
        this.vad = vad;
        this.async = vad.asynchronous();
    }

    @Override
    protected void process(Frame frame, Direction direction) {
        if (frame instanceof InputAudioFrame audio) {
            // caller audio ends here: observers (recording) saw it entering the pipeline
            if (stopped) {
                return;
            }
            if (async) {
                vad.append(audio.pcm());
                marks.addLast(new Mark(vad.chunksCut(), audio.receivedNanos(), null));
                release();
                submitNext();
                return;
            }
            try {
                handle(vad.process(audio.pcm()), audio.receivedNanos());
                recordLag(audio.receivedNanos());
            } catch (VadModelClosedException e) {
                stopOnClosedModel(e);
            }
        } else if (frame instanceof EndFrame) {
            releaseHeldFrames();
            if (!stopped) {
                stopped = true;
                if (inFlight) {
                    closeWhenBack = true;
                } else {
                    finishAndClose();
                }
            }
            forward(frame, direction);
        } else if (async && direction == Direction.DOWNSTREAM && frame instanceof DataFrame && !marks.isEmpty()) {
            marks.addLast(new Mark(vad.chunksCut(), 0, frame)); // after the events of the audio before it
        } else {
            forward(frame, direction);
        }
    }

    private void finishAndClose() {
        vad.finish(); // a turn cut by the hang-up is not answered any more
        marks.clear();
        vad.close();
    }

    private void stopOnClosedModel(VadModelClosedException e) {
        // once, not an error per frame: the appliance is stopping and the call ends with it
        stopped = true;
        log.info("VAD stopped for this call: {}", e.getMessage());
        releaseHeldFrames();
        if (async) {
            vad.close(); // nothing in flight: the batched analyzer holds no native memory, this only unregisters it
        }
    }

    /** Sends the oldest waiting chunks to the batcher unless some are in flight; never waits for them. */
    private void submitNext() {
        if (inFlight || stopped || vad.waitingChunks() == 0) {
            return;
        }
        inFlight = true;
        try {
            vad.submitNext(MAX_CHUNKS_PER_SUBMIT, (probabilities, analysed, failure) ->
                    runInOrder(() -> onResult(probabilities, analysed, failure)));
        } catch (VadModelClosedException e) {
            inFlight = false;
            stopOnClosedModel(e);
        }
    }

    /** On this processor's drain: the chunks in flight are back. */
    private void onResult(float[] probabilities, int analysed, RuntimeException failure) {
        inFlight = false;
        if (closeWhenBack) {
            closeWhenBack = false;
            finishAndClose(); // the call ended meanwhile: its probabilities are not needed
            return;
        }
        if (stopped) {
            return;
        }
        for (int i = 0; i < analysed; i++) {
            long nanos = frameOfNextChunk(); // before the chunk is fed: the frame that completed it
            handle(vad.onProbability(probabilities[i]), nanos);
            release();
        }
        if (failure instanceof VadModelClosedException closed) {
            stopOnClosedModel(closed);
            return;
        }
        if (failure != null) {
            vad.dropChunk();
            release();
            log.error("vad failed on a chunk", failure);
            report(new ErrorFrame(name(), failure.toString(), failure));
        }
        try {
            while (vad.waitingChunks() > MAX_WAITING_CHUNKS) {
                // the batcher is behind real time: catch this call up here rather than let its lag grow
                long nanos = frameOfNextChunk();
                handle(vad.analyseNext(), nanos);
                release();
            }
        } catch (VadModelClosedException e) {
            stopOnClosedModel(e);
            return;
        }
        submitNext();
    }

    /** Receive time of the caller frame that completed the oldest waiting chunk (its events carry it). */
    private long frameOfNextChunk() {
        long next = vad.chunksAnalysed() + 1;
        for (Mark mark : marks) {
            if (mark.held() == null && mark.chunks() >= next) {
                return mark.receivedNanos();
            }
        }
        return context().clock().nanoTime();
    }

    /** Passes on what no longer waits for a chunk: lag of the caller frames now analysed, frames held back. */
    private void release() {
        Mark mark;
        while ((mark = marks.peekFirst()) != null && mark.chunks() <= vad.chunksAnalysed()) {
            marks.pollFirst();
            if (mark.held() != null) {
                forward(mark.held(), Direction.DOWNSTREAM);
            } else {
                recordLag(mark.receivedNanos());
            }
        }
    }

    /** The call's analysis stops: frames held back go on without waiting for chunks that will not be analysed. */
    private void releaseHeldFrames() {
        for (Mark mark : marks) {
            if (mark.held() != null) {
                forward(mark.held(), Direction.DOWNSTREAM);
            }
        }
        marks.clear();
    }

    private void recordLag(long receivedNanos) {
        worstLagNanos = Math.max(worstLagNanos, context().clock().nanoTime() - receivedNanos);
        if (++lagFrames == INBOUND_LAG_WINDOW_FRAMES) {
            report(new MetricsFrame(MetricsFrame.Stage.INBOUND_LAG, worstLagNanos));
            worstLagNanos = 0;
            lagFrames = 0;
        }
    }

    private void handle(List<VadEvent> events, long nowNanos) {
        for (VadEvent event : events) {
            if (event instanceof VadEvent.SpeechOnset onset) {
                push(new UserStartedSpeakingFrame(onset.speechStartMs(), nowNanos));
            } else if (event instanceof VadEvent.SpeechStopped stopped) {
                push(new UserStoppedSpeakingFrame(stopped.speechEndMs(), nowNanos));
                push(new SpeechSegmentFrame(stopped.audio16k(), stopped.audioStartMs(), stopped.speechEndMs(),
                        Math.max(0, stopped.atMs() - stopped.speechEndMs()), nowNanos));
            } else if (event instanceof VadEvent.SpeechPaused paused) {
                push(new SpeechPausedFrame(paused.audio16k(), paused.audioStartMs(), paused.speechEndMs()));
            } else if (event instanceof VadEvent.SpeechResumed resumed) {
                push(new SpeechResumedFrame(resumed.speechStartMs()));
            } else if (event instanceof VadEvent.SpeechDiscarded discarded) {
                log.debug("speech-like burst at {} ms discarded (too short for a turn)", discarded.speechStartMs());
                push(new UserSpeechDiscardedFrame(discarded.speechStartMs()));
            }
        }
    }
}
