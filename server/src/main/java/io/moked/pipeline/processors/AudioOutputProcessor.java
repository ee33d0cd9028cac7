package io.moked.pipeline.processors;

import io.moked.audio.AudioFormat;
import io.moked.audio.MonotonicClock;
import io.moked.audio.OutboundPacer;
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

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The last processor: sends agent audio to the caller at real-time pace ({@link OutboundPacer}), a mark after each
 * chunk, and learns from the echoed marks what the caller has heard. On barge-in it clears the far end's buffer,
 * drops queued audio and reports the reply cut to the heard words; it hangs up once a {@link HangupFrame}'s audio
 * was heard. Pacing wake-ups run on a shared scheduler; state shared with them is guarded by this object's monitor
 * and every send is non-blocking.
 */
public final class AudioOutputProcessor extends FrameProcessor {
    private static final int RATE_HZ = AudioFormat.TELEPHONE_SAMPLE_RATE_HZ;
    /** How often unanswered marks are checked against the mark timeout. */
    private static final long MARK_CHECK_MS = 250;

    private final MediaOutput output;
    private final ScheduledExecutorService scheduler;
    private final OutboundPacer pacer;
    private final long markTimeoutNanos;
    private final Runnable pumpTask;
    private final LinkedHashMap<String, Mark> marks = new LinkedHashMap<>();
    private final Map<Long, ReplyPlayback> replies = new LinkedHashMap<>();
    private final List<Span> spans = new ArrayList<>();
    private HangupFrame hangup;
    private long interruptedUpTo = DataFrame.NO_REPLY;
    private long finishedUpTo = DataFrame.NO_REPLY;
    private long streamStartNanos;
    private long playEndNanos;
    private long markSeq;
    private boolean started;
    private boolean ended;
    private boolean markTimeoutLogged;
    private ScheduledFuture<?> wakeup;
    private long wakeupAtNanos;
    private ScheduledFuture<?> markCheck;

    public AudioOutputProcessor(MediaOutput output, ScheduledExecutorService scheduler, int chunkMs, int leadMs,
                                long markTimeoutMs) {
        super("audio-output");
        this.output = output;
        this.scheduler = scheduler;
        this.pacer = new OutboundPacer(MonotonicClock.SYSTEM, chunkMs, leadMs);
        this.markTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(markTimeoutMs);
        this.pumpTask = () -> context().withLogContext(this::pump).run();
    }

    @Override
    protected void process(Frame frame, Direction direction) {
        if (direction == Direction.UPSTREAM) {
            forward(frame, direction);
            return;
        }
        synchronized (this) {
            if (frame instanceof DataFrame data && data.replyId() != DataFrame.NO_REPLY
                    && data.replyId() <= interruptedUpTo) {
                return; // late output of an interrupted reply
            }
            if (frame instanceof ReplyStartFrame start) {
                replies.put(start.replyId(), new ReplyPlayback(start.replyId(), start.greeting(), start.triggerNanos()));
            } else if (frame instanceof TtsStartedFrame s) {
                reply(s.replyId()).sentenceStarted(s.seq(), s.text());
            } else if (frame instanceof TtsAudioFrame audio) {
                OutboundPacer.Span span = pacer.enqueue(audio.pcm());
                reply(audio.replyId()).sentenceAudio(audio.seq(), span.startSample(), span.endSample());
                spans.add(new Span(audio.replyId(), span.startSample(), span.endSample()));
                pump();
            } else if (frame instanceof TtsStoppedFrame stopped) {
                reply(stopped.replyId()).sentenceDone(stopped.seq());
                pacer.flush();
                pump();
            } else if (frame instanceof ReplyEndFrame end) {
                reply(end.replyId()).textComplete = true;
                pacer.flush();
                pump();
                finishHeardReplies();
            } else if (frame instanceof HangupFrame h) {
                hangup = h;
                maybeHangup();
            } else if (frame instanceof MarkEchoFrame mark) {
                onMark(mark.name());
            } else if (frame instanceof InterruptionFrame interruption) {
                interrupt(interruption);
            } else if (frame instanceof StartFrame start) {
                streamStartNanos = start.startNanos();
                started = true;
                markCheck = scheduler.scheduleAtFixedRate(pumpTask, MARK_CHECK_MS, MARK_CHECK_MS,
                        TimeUnit.MILLISECONDS);
            } else if (frame instanceof EndFrame) {
                end();
            }
        }
        // reply data and mark echoes end here; call control goes on to the pipeline's end
        if (!(frame instanceof DataFrame) && !(frame instanceof MarkEchoFrame)) {
            forward(frame, direction);
        }
    }

    private ReplyPlayback reply(long replyId) {
        // a reply normally announces itself with ReplyStartFrame; be lenient with a missing one
        return replies.computeIfAbsent(replyId, id -> new ReplyPlayback(id, false, System.nanoTime()));
    }

    /** Sends every chunk that is due, then arranges the next wake-up. */
    private synchronized void pump() {
        if (ended || !started) {
            return;
        }
        long now = System.nanoTime();
        OutboundPacer.Chunk chunk;
        while ((chunk = pacer.poll()) != null) {
            send(chunk, now);
        }
        expireMarks(now);
        long due = pacer.nanosUntilDue();
        if (due == OutboundPacer.NOTHING_DUE) {
            return; // the next audio or flush pumps again
        }
        // a wake-up still to come that is early enough makes this one redundant; the wake-up running right now
        // (wakeupAtNanos <= now, not yet done) must not count, or the pacer would stall until the mark check
        if (wakeup != null && !wakeup.isDone() && wakeupAtNanos > now && wakeupAtNanos <= now + due) {
            return;
        }
        if (wakeup != null) {
            wakeup.cancel(false);
        }
        wakeupAtNanos = now + due;
        wakeup = scheduler.schedule(pumpTask, due, TimeUnit.NANOSECONDS);
    }

    private void send(OutboundPacer.Chunk chunk, long now) {
        long playStart = Math.max(now, playEndNanos);
        playEndNanos = playStart + TimeUnit.MILLISECONDS.toNanos(chunk.durationMs());
        long offsetMs = TimeUnit.NANOSECONDS.toMillis(playStart - streamStartNanos);
        output.sendAudio(chunk.pcm());
        String name = Long.toString(++markSeq);
        output.sendMark(name);
        marks.put(name, new Mark(chunk.endSample(), offsetMs + chunk.durationMs(), playEndNanos));
        long replyId = DataFrame.NO_REPLY;
        for (Iterator<Span> it = spans.iterator(); it.hasNext(); ) {
            Span span = it.next();
            if (span.start() >= chunk.endSample()) {
                break;
            }
            if (replyId == DataFrame.NO_REPLY) {
                replyId = span.replyId();
            }
            firstAudio(replies.get(span.replyId()), now, offsetMs);
            if (span.end() <= chunk.endSample()) {
                it.remove();
            }
        }
        report(new OutputAudioFrame(replyId, chunk.pcm(), RATE_HZ, offsetMs));
    }

    private void firstAudio(ReplyPlayback r, long now, long offsetMs) {
        if (r == null || r.firstAudioNanos >= 0) {
            return;
        }
        r.firstAudioNanos = now;
        r.startOffsetMs = offsetMs;
        long latency = now - r.triggerNanos;
        report(new MetricsFrame(r.greeting ? MetricsFrame.Stage.GREETING_FIRST_AUDIO
                : MetricsFrame.Stage.TURN_LATENCY, latency));
        push(new BotStartedSpeakingFrame(r.replyId, r.greeting, latency, offsetMs), Direction.UPSTREAM);
    }

    private void onMark(String name) {
        if (!marks.containsKey(name)) {
            return; // echoed after a clear, or not ours
        }
        // marks come back in order: everything up to this one has been played
        for (Iterator<Map.Entry<String, Mark>> it = marks.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Mark> e = it.next();
            it.remove();
            heard(e.getValue());
            if (e.getKey().equals(name)) {
                break;
            }
        }
        finishHeardReplies();
    }

    private void expireMarks(long now) {
        boolean expired = false;
        for (Iterator<Mark> it = marks.values().iterator(); it.hasNext(); ) {
            Mark m = it.next();
            if (now - m.playedNanos() < markTimeoutNanos) {
                break;
            }
            it.remove();
            heard(m);
            expired = true;
        }
        if (expired) {
            if (!markTimeoutLogged) {
                markTimeoutLogged = true;
                log.warn("marks not echoed within {} ms of their play-out: assuming the audio was played",
                        TimeUnit.NANOSECONDS.toMillis(markTimeoutNanos));
            }
            finishHeardReplies();
        }
    }

    private void heard(Mark m) {
        for (ReplyPlayback r : replies.values()) {
            r.heard(m.endSample(), m.endOffsetMs());
        }
    }

    private void finishHeardReplies() {
        for (ReplyPlayback r : List.copyOf(replies.values())) {
            if (!r.finished && r.fullyHeard()) {
                finish(r, false);
            }
        }
        maybeHangup();
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
        if (hangup == null || pacer.queuedSamples() > 0 || !marks.isEmpty()) {
            return;
        }
        for (ReplyPlayback r : replies.values()) {
            if (r.replyId <= hangup.replyId()) {
                return; // still being generated or played
            }
        }
        HangupFrame h = hangup;
        hangup = null;
        log.info("agent ends the stream: {}", h.reason());
        output.hangup(h.reason());
    }

    private void interrupt(InterruptionFrame interruption) {
        interruptedUpTo = Math.max(interruptedUpTo, interruption.replyId());
        boolean outstanding = !marks.isEmpty() || pacer.queuedSamples() > 0;
        pacer.clear();
        if (outstanding) {
            output.clear();
            long latency = System.nanoTime() - interruption.onsetNanos();
            report(new MetricsFrame(MetricsFrame.Stage.BARGE_IN_TO_CLEAR, latency));
            log.info("barge-in: clear sent {} ms after speech onset", TimeUnit.NANOSECONDS.toMillis(latency));
        }
        marks.clear();
        spans.clear();
        playEndNanos = System.nanoTime();
        boolean reported = false;
        for (ReplyPlayback r : List.copyOf(replies.values())) {
            if (r.replyId <= interruption.replyId()) {
                finish(r, true);
                reported |= r.replyId == interruption.replyId();
            }
        }
        if (!reported && interruption.replyId() > finishedUpTo) {
            // nothing of that reply reached the output yet: the caller heard none of it
            finishedUpTo = interruption.replyId();
            push(new ReplyPlayedFrame(interruption.replyId(), false, "", true, -1, -1, -1), Direction.UPSTREAM);
        }
        if (hangup != null && hangup.replyId() <= interruption.replyId()) {
            hangup = null;
        }
    }

    private void end() {
        ended = true;
        for (ScheduledFuture<?> task : new ScheduledFuture<?>[]{wakeup, markCheck}) {
            if (task != null) {
                task.cancel(false);
            }
        }
        pacer.clear();
        for (ReplyPlayback r : List.copyOf(replies.values())) {
            finish(r, !r.fullyHeard());
        }
    }

    private record Span(long replyId, long start, long end) {
    }

    private record Mark(long endSample, long endOffsetMs, long playedNanos) {
    }
}
