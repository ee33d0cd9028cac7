package io.moked.pipeline.processors;

import io.moked.pipeline.AudioHeardFrame;
import io.moked.pipeline.AudioSentFrame;
import io.moked.pipeline.BotStartedSpeakingFrame;
import io.moked.pipeline.Direction;
import io.moked.pipeline.EndFrame;
import io.moked.pipeline.Frame;
import io.moked.pipeline.FrameProcessor;
import io.moked.pipeline.HangupFrame;
import io.moked.pipeline.InterruptionFrame;
import io.moked.pipeline.MetricsFrame;
import io.moked.pipeline.ReplyEndFrame;
import io.moked.pipeline.ReplyPlayedFrame;
import io.moked.pipeline.ReplyStartFrame;
import io.moked.pipeline.reply.Reply;

import java.util.ArrayList;
import java.util.List;

/**
 * Playback bookkeeping, the last processor: follows each reply from its start to what the caller heard. The first
 * audio sent makes it speak (turn latency, {@link BotStartedSpeakingFrame}); heard positions (mark echoes, from the
 * pacing) move its heard part; a reply whose audio was all heard, or that was interrupted, is finished and reported
 * upstream ({@link ReplyPlayedFrame}) with its {@link Reply.Outcome}. A {@link HangupFrame} is held until the
 * replies before it are done, then leaves the pipeline (the call closes the stream). Runs on the pipeline executor;
 * all its state is its own.
 */
public final class PlaybackProcessor extends FrameProcessor {
    /** Replies started and not done, oldest first. */
    private final List<Reply> inFlight = new ArrayList<>();
    private HangupFrame hangup;
    /** The replies that must be done before {@link #hangup} goes out. */
    private List<Reply> hangupAfter = List.of();

    public PlaybackProcessor() {
        super("playback");
    }

    @Override
    protected void process(Frame frame, Direction direction) {
        if (direction == Direction.UPSTREAM) {
            forward(frame, direction);
        } else if (frame instanceof ReplyStartFrame start) {
            track(start.reply());
        } else if (frame instanceof AudioSentFrame sent) {
            for (Reply reply : sent.replies()) {
                track(reply);
                firstAudio(reply, sent);
            }
        } else if (frame instanceof AudioHeardFrame heard) {
            for (Reply reply : inFlight) {
                reply.heard(heard.position(), heard.offsetMs());
            }
            finishHeard();
        } else if (frame instanceof ReplyEndFrame end) {
            end.reply().audioComplete();
            finishHeard();
        } else if (frame instanceof HangupFrame h) {
            hangup = h;
            hangupAfter = List.copyOf(inFlight);
            maybeHangUp();
        } else if (frame instanceof InterruptionFrame interruption) {
            finish(interruption.reply());
            for (Reply reply : List.copyOf(inFlight)) {
                if (reply.isCancelled()) {
                    finish(reply);
                }
            }
            maybeHangUp();
            forward(frame, direction);
        } else if (frame instanceof EndFrame) {
            for (Reply reply : List.copyOf(inFlight)) {
                finish(reply); // cut by the end of the call, unless it was heard to the end
            }
            hangup = null;
            forward(frame, direction);
        } else {
            forward(frame, direction);
        }
    }

    /**
     * Follows a reply from its start, or from its first audio sent: a system frame may overtake the reply's start
     * (a data frame) in this processor's queue, and the heard positions that follow must reach the reply.
     */
    private void track(Reply reply) {
        if (!reply.isDone() && !inFlight.contains(reply)) {
            inFlight.add(reply);
        }
    }

    private void firstAudio(Reply reply, AudioSentFrame sent) {
        if (!reply.firstAudioSent(sent.sentNanos(), sent.offsetMs())) {
            return;
        }
        long latency = reply.latencyNanos();
        report(new MetricsFrame(reply.isGreeting() ? MetricsFrame.Stage.GREETING_FIRST_AUDIO
                : MetricsFrame.Stage.TURN_LATENCY, latency));
        push(new BotStartedSpeakingFrame(reply, latency, sent.offsetMs()), Direction.UPSTREAM);
    }

    private void finishHeard() {
        for (Reply reply : List.copyOf(inFlight)) {
            if (reply.fullyHeard()) {
                finish(reply);
            }
        }
        maybeHangUp();
    }

    private void finish(Reply reply) {
        inFlight.remove(reply);
        Reply.Outcome outcome = reply.finish();
        if (outcome != null) {
            push(new ReplyPlayedFrame(reply, outcome), Direction.UPSTREAM);
        }
    }

    private void maybeHangUp() {
        if (hangup == null) {
            return;
        }
        if (hangup.stale()) {
            hangup = null; // the goodbye was interrupted: the caller goes on talking
            return;
        }
        for (Reply reply : hangupAfter) {
            if (!reply.isDone()) {
                return; // still being generated or played
            }
        }
        HangupFrame h = hangup;
        hangup = null;
        log.info("agent ends the call: {}", h.ending().id());
        forward(h, Direction.DOWNSTREAM);
    }
}
