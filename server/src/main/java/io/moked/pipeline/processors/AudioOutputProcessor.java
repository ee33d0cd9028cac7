package io.moked.pipeline.processors;

import io.moked.audio.AudioFormat;
import io.moked.pipeline.BotStartedSpeakingFrame;
import io.moked.pipeline.DataFrame;
import io.moked.pipeline.Direction;
import io.moked.pipeline.EndFrame;
import io.moked.pipeline.Frame;
import io.moked.pipeline.FrameProcessor;
import io.moked.pipeline.HangupFrame;
import io.moked.pipeline.InterruptionFrame;
import io.moked.pipeline.MarkEchoFrame;
import io.moked.pipeline.MediaOutput;
import io.moked.pipeline.MetricsFrame;
import io.moked.pipeline.OutputAudioFrame;
import io.moked.pipeline.ReplyEndFrame;
import io.moked.pipeline.ReplyPlayedFrame;
import io.moked.pipeline.ReplyStartFrame;
import io.moked.pipeline.StartFrame;
import io.moked.pipeline.TtsAudioFrame;
import io.moked.pipeline.TtsStartedFrame;
import io.moked.pipeline.TtsStoppedFrame;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The last processor: sends agent audio to the caller in chunks at real-time pace, a mark after each chunk, and
 * learns from the echoed marks what the caller has heard. On barge-in it clears the far end's buffer, drops queued
 * audio and reports the reply cut to the heard words; it hangs up once a {@link HangupFrame}'s audio was heard.
 *
 * <p>Pacing runs on a shared scheduler: audio may run at most {@code leadMs} ahead of the real-time clock, so the
 * far end never starves and a clear never throws away more than that. State touched by the pacing thread and the
 * processor thread is guarded by this object's monitor; every send is non-blocking.
 */
public final class AudioOutputProcessor extends FrameProcessor {
    private static final int RATE_HZ = AudioFormat.TELEPHONE_SAMPLE_RATE_HZ;

    private final MediaOutput output;
    private final ScheduledExecutorService pacer;
    private final int chunkMs;
    private final int chunkSamples;
    private final long leadMs;
    private final long markTimeoutNanos;

    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    private final LinkedHashMap<String, Mark> marks = new LinkedHashMap<>();
    private final Map<Long, ReplyPlayback> replies = new LinkedHashMap<>();
    private final short[] pending;
    private int pendingLength;
    private long pendingReplyId;
    private int pendingSeq;
    private int sentenceSamples;
    private HangupFrame hangup;
    private long interruptedUpTo = DataFrame.NO_REPLY;
    private long finishedUpTo = DataFrame.NO_REPLY;
    private long streamStartNanos;
    private boolean playing;
    private long playStartNanos;
    private long playStartOffsetMs;
    private long sentMs;
    private long markSeq;
    private boolean ended;
    private ScheduledFuture<?> ticker;

    public AudioOutputProcessor(MediaOutput output, ScheduledExecutorService pacer, int chunkMs, long leadMs,
                                long markTimeoutMs) {
        super("audio-output");
        this.output = output;
        this.pacer = pacer;
        this.chunkMs = chunkMs;
        this.chunkSamples = AudioFormat.samplesFor(chunkMs, RATE_HZ);
        this.leadMs = leadMs;
        this.markTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(markTimeoutMs);
        this.pending = new short[chunkSamples];
    }

    @Override
    protected void process(Frame frame, Direction direction) {
        if (direction == Direction.UPSTREAM) {
            forward(frame, direction);
            return;
        }
        if (frame instanceof DataFrame data && data.replyId() != DataFrame.NO_REPLY
                && data.replyId() <= interruptedUpTo()) {
            return; // late audio of an interrupted reply
        }
        if (frame instanceof StartFrame start) {
            start(start);
            forward(frame, direction);
        } else if (frame instanceof ReplyStartFrame start) {
            synchronized (this) {
                replies.put(start.replyId(), new ReplyPlayback(start.replyId(), start.greeting(), start.triggerNanos()));
            }
        } else if (frame instanceof TtsStartedFrame started) {
            synchronized (this) {
                reply(started.replyId()).sentenceStarted(started.seq(), started.text());
                sentenceSamples = 0;
            }
        } else if (frame instanceof TtsAudioFrame audio) {
            enqueue(audio);
            tick();
        } else if (frame instanceof TtsStoppedFrame stopped) {
            synchronized (this) {
                flushPending();
                reply(stopped.replyId()).sentenceDone(stopped.seq());
            }
            tick();
        } else if (frame instanceof ReplyEndFrame end) {
            synchronized (this) {
                ReplyPlayback r = reply(end.replyId());
                r.textComplete = true;
                maybeFinish(r);
                maybeHangup();
            }
        } else if (frame instanceof HangupFrame h) {
            synchronized (this) {
                hangup = h;
                maybeHangup();
            }
        } else if (frame instanceof MarkEchoFrame mark) {
            onMark(mark.name());
        } else if (frame instanceof InterruptionFrame interruption) {
            interrupt(interruption);
            forward(frame, direction);
        } else if (frame instanceof EndFrame) {
            end();
            forward(frame, direction);
        } else {
            forward(frame, direction);
        }
    }

    private synchronized long interruptedUpTo() {
        return interruptedUpTo;
    }

    private synchronized void start(StartFrame start) {
        streamStartNanos = start.startNanos();
        Runnable tick = context().withLogContext(this::tick);
        ticker = pacer.scheduleAtFixedRate(tick, chunkMs, chunkMs, TimeUnit.MILLISECONDS);
    }

    private synchronized ReplyPlayback reply(long replyId) {
        // a reply normally announces itself with ReplyStartFrame; be lenient with a missing one
        return replies.computeIfAbsent(replyId, id -> new ReplyPlayback(id, false, System.nanoTime()));
    }

    private synchronized void enqueue(TtsAudioFrame audio) {
        ReplyPlayback r = reply(audio.replyId());
        r.sentenceAudio(audio.seq(), audio.pcm().length);
        if (pendingLength > 0 && (pendingReplyId != audio.replyId() || pendingSeq != audio.seq())) {
            flushPending();
        }
        pendingReplyId = audio.replyId();
        pendingSeq = audio.seq();
        short[] pcm = audio.pcm();
        int at = 0;
        while (at < pcm.length) {
            int n = Math.min(chunkSamples - pendingLength, pcm.length - at);
            System.arraycopy(pcm, at, pending, pendingLength, n);
            pendingLength += n;
            at += n;
            if (pendingLength == chunkSamples) {
                flushPending();
            }
        }
    }

    private void flushPending() {
        if (pendingLength == 0) {
            return;
        }
        sentenceSamples += pendingLength;
        short[] chunk = java.util.Arrays.copyOf(pending, pendingLength);
        queue.addLast(new Chunk(pendingReplyId, pendingSeq, chunk, sentenceSamples));
        reply(pendingReplyId).queuedChunks++;
        pendingLength = 0;
    }

    /** Sends what is due: runs every chunk on the pacer and at once when audio arrives. */
    private synchronized void tick() {
        if (ended || ticker == null) {
            return;
        }
        long now = System.nanoTime();
        expireMarks(now);
        if (queue.isEmpty()) {
            if (playing && elapsedMs(now) >= sentMs) {
                playing = false; // the far end has run dry: the next audio restarts the clock
            }
            return;
        }
        if (!playing) {
            playing = true;
            playStartNanos = now;
            playStartOffsetMs = TimeUnit.NANOSECONDS.toMillis(now - streamStartNanos);
            sentMs = 0;
        }
        while (!queue.isEmpty() && sentMs < elapsedMs(now) + leadMs) {
            send(queue.pollFirst(), now);
        }
    }

    private long elapsedMs(long now) {
        return TimeUnit.NANOSECONDS.toMillis(now - playStartNanos);
    }

    private void send(Chunk chunk, long now) {
        ReplyPlayback r = reply(chunk.replyId());
        long offsetMs = playStartOffsetMs + sentMs;
        long durationMs = AudioFormat.millisFor(chunk.pcm().length, RATE_HZ);
        output.sendAudio(chunk.pcm());
        String name = Long.toString(++markSeq);
        output.sendMark(name);
        long dueNanos = playStartNanos + TimeUnit.MILLISECONDS.toNanos(sentMs + durationMs);
        marks.put(name, new Mark(chunk.replyId(), chunk.seq(), chunk.sentenceSamplesAfter(), offsetMs + durationMs,
                dueNanos));
        r.queuedChunks--;
        r.unheardMarks++;
        sentMs += durationMs;
        if (r.firstAudioNanos < 0) {
            r.firstAudioNanos = now;
            r.startOffsetMs = offsetMs;
            long latency = now - r.triggerNanos;
            report(new MetricsFrame(r.greeting ? MetricsFrame.Stage.GREETING_FIRST_AUDIO
                    : MetricsFrame.Stage.TURN_LATENCY, latency));
            push(new BotStartedSpeakingFrame(r.replyId, r.greeting, latency, offsetMs), Direction.UPSTREAM);
        }
        report(new OutputAudioFrame(chunk.replyId(), chunk.pcm(), RATE_HZ, offsetMs));
    }

    private synchronized void onMark(String name) {
        if (!marks.containsKey(name)) {
            return; // echoed after a clear, or not ours
        }
        // marks come back in order: everything up to this one has been played
        for (Iterator<Map.Entry<String, Mark>> it = marks.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Mark> e = it.next();
            it.remove();
            acknowledge(e.getValue());
            if (e.getKey().equals(name)) {
                break;
            }
        }
        maybeHangup();
    }

    private void expireMarks(long now) {
        boolean expired = false;
        for (Iterator<Mark> it = marks.values().iterator(); it.hasNext(); ) {
            Mark m = it.next();
            if (now - m.dueNanos() < markTimeoutNanos) {
                break;
            }
            it.remove();
            acknowledge(m);
            expired = true;
        }
        if (expired) {
            log.warn("marks not echoed within {} ms of their play-out time: assuming the audio was played",
                    TimeUnit.NANOSECONDS.toMillis(markTimeoutNanos));
            maybeHangup();
        }
    }

    private void acknowledge(Mark m) {
        ReplyPlayback r = replies.get(m.replyId());
        if (r != null) {
            r.unheardMarks--;
            r.heard(m.seq(), m.sentenceSamplesAfter(), m.endOffsetMs());
            maybeFinish(r);
        }
    }

    private void maybeFinish(ReplyPlayback r) {
        if (!r.finished && r.fullyHeard()) {
            finish(r, false);
        }
    }

    private void finish(ReplyPlayback r, boolean interrupted) {
        r.finished = true;
        replies.remove(r.replyId);
        finishedUpTo = Math.max(finishedUpTo, r.replyId);
        long latency = r.firstAudioNanos < 0 ? -1 : r.firstAudioNanos - r.triggerNanos;
        String spoken = interrupted ? r.heardText() : r.fullText();
        push(new ReplyPlayedFrame(r.replyId, r.greeting, spoken, interrupted, r.startOffsetMs, r.heardEndOffsetMs,
                latency), Direction.UPSTREAM);
    }

    private void maybeHangup() {
        if (hangup == null || !queue.isEmpty() || !marks.isEmpty() || pendingLength > 0) {
            return;
        }
        for (ReplyPlayback r : replies.values()) {
            if (r.replyId <= hangup.replyId() && !r.finished) {
                return;
            }
        }
        HangupFrame h = hangup;
        hangup = null;
        log.info("agent ends the stream: {}", h.reason());
        output.hangup(h.reason());
    }

    private synchronized void interrupt(InterruptionFrame interruption) {
        interruptedUpTo = Math.max(interruptedUpTo, interruption.replyId());
        boolean outstanding = !marks.isEmpty() || !queue.isEmpty();
        queue.removeIf(c -> c.replyId() <= interruption.replyId());
        if (pendingReplyId <= interruption.replyId()) {
            pendingLength = 0;
        }
        if (outstanding) {
            output.clear();
            long latency = System.nanoTime() - interruption.onsetNanos();
            report(new MetricsFrame(MetricsFrame.Stage.BARGE_IN_TO_CLEAR, latency));
            log.info("barge-in: clear sent {} ms after speech onset", TimeUnit.NANOSECONDS.toMillis(latency));
        }
        marks.clear();
        playing = false;
        boolean reported = false;
        for (ReplyPlayback r : java.util.List.copyOf(replies.values())) {
            if (r.replyId <= interruption.replyId() && !r.finished) {
                finish(r, true);
                reported |= r.replyId == interruption.replyId();
            }
        }
        if (!reported && interruption.replyId() > finishedUpTo) {
            // nothing of that reply reached the output yet: the caller heard none of it
            push(new ReplyPlayedFrame(interruption.replyId(), false, "", true, -1, -1, -1), Direction.UPSTREAM);
        }
        if (hangup != null && hangup.replyId() <= interruption.replyId()) {
            hangup = null;
        }
    }

    private synchronized void end() {
        ended = true;
        if (ticker != null) {
            ticker.cancel(false);
        }
        queue.clear();
        for (ReplyPlayback r : java.util.List.copyOf(replies.values())) {
            if (!r.finished) {
                finish(r, !r.fullyHeard());
            }
        }
    }

    private record Chunk(long replyId, int seq, short[] pcm, int sentenceSamplesAfter) {
    }

    private record Mark(long replyId, int seq, int sentenceSamplesAfter, long endOffsetMs, long dueNanos) {
    }
}
