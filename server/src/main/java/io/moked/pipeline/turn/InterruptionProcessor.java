package io.moked.pipeline.turn;

import io.moked.pipeline.Direction;
import io.moked.pipeline.EndFrame;
import io.moked.pipeline.Frame;
import io.moked.pipeline.FrameProcessor;
import io.moked.pipeline.NoWordsFrame;
import io.moked.pipeline.ReplyPlayedFrame;
import io.moked.pipeline.ResumeReplyFrame;
import io.moked.pipeline.SpeculativeTranscriptionFrame;
import io.moked.pipeline.TranscriptionFrame;
import io.moked.pipeline.TurnEventFrame;
import io.moked.pipeline.UserSpeechDiscardedFrame;
import io.moked.pipeline.UserStartedSpeakingFrame;
import io.moked.pipeline.UserStoppedSpeakingFrame;
import io.moked.pipeline.Wakeups;
import io.moked.pipeline.reply.Reply;

import java.util.concurrent.TimeUnit;

/**
 * Tells a caller who takes the turn from a cough (compare LiveKit's {@code resume_false_interruption}). Sits between
 * speech-to-text and the agent. Barge-in stays fast: the agent still cuts the speaking reply at the speech onset
 * (the pacing sends {@code clear} at once), and the reply comes back here when the playback knows what was heard.
 * Then the interruption is <em>false</em> — and the agent is told to {@linkplain ResumeReplyFrame resume} the reply
 * from its first unheard sentence — when no words follow:
 * <ul>
 *   <li>the VAD discards the burst as too short for a turn;</li>
 *   <li>the speech is shorter than {@code minInterruptionMs} (its transcript still reaches the agent if it has
 *       words, which then cut the resumed reply as any turn does);</li>
 *   <li>its transcript is empty or only backchannels ("כן", "אהה"), which then never reach the model;</li>
 *   <li>no transcript comes within {@code falseInterruptionTimeoutMs} of the end of the speech.</li>
 * </ul>
 * A transcript with words is a real interruption: it goes on to the agent, which answers it; the reply stays cut.
 * Counts interruptions, false ones and resumes ({@link TurnEventFrame}). Runs on the pipeline executor; its timer
 * only queues work onto its own drain.
 */
public final class InterruptionProcessor extends FrameProcessor {
    private final InterruptionSettings settings;
    private final Wakeups wakeups;
    /** The caller's sound since the last onset that may have cut a reply, or null. */
    private Pending pending;
    /** End (stream ms) of a segment already found false: its backchannel or empty transcript is swallowed. */
    private long falseSegmentEndMs = -1;

    public InterruptionProcessor(InterruptionSettings settings, Wakeups wakeups) {
        super("interruptions");
        this.settings = settings;
        this.wakeups = wakeups;
    }

    @Override
    protected void process(Frame frame, Direction direction) {
        if (frame instanceof ReplyPlayedFrame played) {
            cutReply(played);
            forward(frame, direction);
        } else if (frame instanceof UserStartedSpeakingFrame started) {
            onset(started);
            forward(frame, direction);
        } else if (frame instanceof UserSpeechDiscardedFrame) {
            decideFalse("burst too short for a turn");
            forward(frame, direction);
        } else if (frame instanceof UserStoppedSpeakingFrame stopped) {
            speechEnded(stopped);
            forward(frame, direction);
        } else if (frame instanceof NoWordsFrame noWords) {
            if (pending != null && pending.endMs == noWords.endOffsetMs()) {
                decideFalse("no words in the speech");
            }
            // nothing to say to the model either way
        } else if (frame instanceof TranscriptionFrame transcription) {
            transcribed(transcription, direction);
        } else if (frame instanceof SpeculativeTranscriptionFrame speculative) {
            // a backchannel over a cut reply most likely resumes it: the agent starts no speculative answer to it
            if (pending == null || pending.decided() || !settings.isBackchannel(speculative.text())) {
                forward(frame, direction);
            }
        } else if (frame instanceof EndFrame) {
            cancelTimer();
            pending = null;
            forward(frame, direction);
        } else {
            forward(frame, direction);
        }
    }

    private void onset(UserStartedSpeakingFrame started) {
        if (pending != null && !pending.decided()) {
            cancelTimer(); // the caller goes on: still the same possible interruption
            pending.endMs = -1;
            return;
        }
        pending = new Pending(started.startOffsetMs());
    }

    /** A reply cut at the onset came back with what was heard: it may resume if the interruption was false. */
    private void cutReply(ReplyPlayedFrame played) {
        if (!played.interrupted() || pending == null || pending.reply != null
                || played.outcome().startOffsetMs() < 0) {
            return; // heard to the end, cut by a key or a turn, or never spoke: nothing to resume
        }
        pending.reply = played.reply();
        report(new TurnEventFrame(TurnEventFrame.Event.INTERRUPTION));
        if (pending.falseDecided) {
            resume(pending);
        }
    }

    private void speechEnded(UserStoppedSpeakingFrame stopped) {
        if (pending == null || pending.decided()) {
            return;
        }
        pending.endMs = stopped.endOffsetMs();
        long speechMs = stopped.endOffsetMs() - pending.startMs;
        if (speechMs < settings.minInterruptionMs()) {
            decideFalse("speech of " + speechMs + " ms");
            return;
        }
        Pending waiting = pending;
        long seq = ++waiting.timerSeq;
        waiting.timer = wakeups.schedule(TimeUnit.MILLISECONDS.toNanos(settings.falseInterruptionTimeoutMs()),
                () -> runInOrder(() -> {
                    if (pending == waiting && waiting.timerSeq == seq && !waiting.decided()) {
                        decideFalse("no transcript within " + settings.falseInterruptionTimeoutMs() + " ms");
                    }
                }));
    }

    private void transcribed(TranscriptionFrame transcription, Direction direction) {
        boolean backchannel = settings.isBackchannel(transcription.text());
        boolean ours = pending != null && pending.reply != null && !pending.decided()
                && (pending.endMs < 0 || pending.endMs == transcription.endOffsetMs());
        if (ours && backchannel) {
            decideFalse("backchannel");
            if (settings.resumeFalseInterruptions()) {
                return; // the reply goes on; the model never sees the "mm-hmm"
            }
        }
        if (backchannel && transcription.endOffsetMs() == falseSegmentEndMs && settings.resumeFalseInterruptions()) {
            return; // the short sound already resumed the reply
        }
        if (pending != null && !pending.decided()) {
            cancelTimer();
            pending = null; // words: a real interruption, the agent answers them
        }
        forward(transcription, direction);
    }

    private void decideFalse(String why) {
        if (pending == null || pending.decided()) {
            return;
        }
        cancelTimer();
        pending.falseDecided = true;
        log.debug("false interruption: {}", why);
        if (pending.reply != null) {
            resume(pending);
        }
        // else the cut reply is not back yet (or nothing was cut): cutReply resumes it when it comes
    }

    private void resume(Pending p) {
        report(new TurnEventFrame(TurnEventFrame.Event.FALSE_INTERRUPTION));
        Reply reply = p.reply;
        falseSegmentEndMs = p.endMs;
        pending = null;
        if (settings.resumeFalseInterruptions() && !reply.unheardText().isBlank()) {
            report(new TurnEventFrame(TurnEventFrame.Event.RESUME));
            push(new ResumeReplyFrame(reply, context().clock().nanoTime()));
        }
    }

    private void cancelTimer() {
        if (pending != null && pending.timer != null) {
            pending.timer.cancel();
            pending.timer = null;
            pending.timerSeq++;
        }
    }

    /** Caller sound after an onset, until it is found a real or a false interruption. */
    private static final class Pending {
        final long startMs;
        /** End of the speech (stream ms), -1 while the caller speaks. */
        long endMs = -1;
        Reply reply;
        boolean falseDecided;
        Wakeups.Scheduled timer;
        long timerSeq;

        Pending(long startMs) {
            this.startMs = startMs;
        }

        boolean decided() {
            return falseDecided;
        }
    }
}
