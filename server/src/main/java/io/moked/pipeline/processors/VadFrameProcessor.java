package io.moked.pipeline.processors;

import io.moked.pipeline.Direction;
import io.moked.pipeline.EndFrame;
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

import java.util.List;

/**
 * Voice activity detection and turn segmentation over the caller's audio (Silero VAD and the endpointing of
 * {@link VadProcessor}): the fast speech onset becomes {@link UserStartedSpeakingFrame} (the agent decides
 * barge-in from it), the end of a turn becomes {@link UserStoppedSpeakingFrame} plus the turn's audio as a
 * {@link SpeechSegmentFrame} (with pre-roll, at 16 kHz) for speech-to-text. The model runs here, on the pipeline
 * executor, never on a Netty thread.
 */
public final class VadFrameProcessor extends FrameProcessor {
    /** Inbound lag is reported as the worst of this many frames (10 × 20 ms = 200 ms), not per frame. */
    static final int INBOUND_LAG_WINDOW_FRAMES = 10;

    private final VadProcessor vad;
    private long worstLagNanos;
    private int lagFrames;
    /**
     * Set when the call ended (the analyzer's native tensors are freed) or the shared model was closed under it
     * (shutdown): the caller's audio is no longer analysed.
     */
    private boolean stopped;

    public VadFrameProcessor(VadProcessor vad) {
        super("vad");
        this.vad = vad;
    }

    @Override
    protected void process(Frame frame, Direction direction) {
        if (frame instanceof InputAudioFrame audio) {
            // caller audio ends here: observers (recording) saw it entering the pipeline
            if (stopped) {
                return;
            }
            try {
                handle(vad.process(audio.pcm()), audio.receivedNanos());
                recordLag(audio.receivedNanos());
            } catch (VadModelClosedException e) {
                // once, not an error per frame: the appliance is stopping and the call ends with it
                stopped = true;
                log.info("VAD stopped for this call: {}", e.getMessage());
            }
        } else {
            if (frame instanceof EndFrame && !stopped) {
                vad.finish(); // a turn cut by the hang-up is not answered any more
                stopped = true;
                vad.close();
            }
            forward(frame, direction);
        }
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
