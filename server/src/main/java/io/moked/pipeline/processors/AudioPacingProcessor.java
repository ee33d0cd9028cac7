package io.moked.pipeline.processors;

import io.moked.audio.AudioFormat;
import io.moked.audio.MonotonicClock;
import io.moked.audio.OutboundPacer;
import io.moked.pipeline.AudioHeardFrame;
import io.moked.pipeline.AudioSentFrame;
import io.moked.pipeline.Direction;
import io.moked.pipeline.EndFrame;
import io.moked.pipeline.Frame;
import io.moked.pipeline.FrameProcessor;
import io.moked.pipeline.InterruptionFrame;
import io.moked.pipeline.MarkEchoFrame;
import io.moked.pipeline.MediaOutput;
import io.moked.pipeline.MetricsFrame;
import io.moked.pipeline.ReplyEndFrame;
import io.moked.pipeline.StartFrame;
import io.moked.pipeline.TtsAudioFrame;
import io.moked.pipeline.TtsStoppedFrame;
import io.moked.pipeline.Wakeups;
import io.moked.pipeline.reply.Reply;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Output pacing, the wire side of agent audio: places each reply's audio on the agent timeline, sends it at
 * real-time pace ({@link OutboundPacer}) with a mark after each chunk, turns mark echoes (or marks overdue by the
 * mark timeout) into {@link AudioHeardFrame}s, and on barge-in drops the queued audio and sends {@code clear}. What
 * was heard by whom is the {@link PlaybackProcessor}'s business.
 * <p>
 * One threading model: everything runs on this processor's own drain, on the pacing executor (so sends never wait
 * behind VAD or other processor work); its wake-ups only queue a pump onto that drain. No locks of its own.
 */
public final class AudioPacingProcessor extends FrameProcessor {
    private static final int RATE_HZ = AudioFormat.TELEPHONE_SAMPLE_RATE_HZ;
    private static final long NOTHING = Long.MAX_VALUE;

    private final MediaOutput output;
    private final Wakeups wakeups;
    private final MonotonicClock clock;
    private final OutboundPacer pacer;
    private final long markTimeoutNanos;
    /** Marks sent and not echoed yet, oldest first. */
    private final ArrayDeque<Mark> marks = new ArrayDeque<>();
    /** Reply audio on the timeline not sent to its end yet, in timeline order. */
    private final ArrayDeque<Span> spans = new ArrayDeque<>();
    private long streamStartNanos;
    private long playEndNanos;
    private long markSeq;
    private boolean started;
    private boolean ended;
    private boolean markTimeoutLogged;
    private Wakeups.Scheduled wakeup;
    private long wakeupAtNanos = NOTHING;
    private long wakeupSeq;

    /**
     * @param executor      runs this processor (the pacing pool: timing must not wait behind other work)
     * @param markTimeoutMs after this long past its play-out, an unanswered mark counts as heard
     */
    public AudioPacingProcessor(MediaOutput output, Executor executor, Wakeups wakeups, MonotonicClock clock,
                                int chunkMs, int leadMs, long markTimeoutMs) {
        super("audio-pacing", executor);
        this.output = output;
        this.wakeups = wakeups;
        this.clock = clock;
        this.pacer = new OutboundPacer(clock, chunkMs, leadMs);
        this.markTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(markTimeoutMs);
    }

    @Override
    protected void process(Frame frame, Direction direction) {
        if (direction == Direction.UPSTREAM) {
            forward(frame, direction);
        } else if (frame instanceof TtsAudioFrame audio) {
            OutboundPacer.Span span = pacer.enqueue(audio.pcm());
            audio.reply().audioPlaced(audio.seq(), span.startSample(), span.endSample());
            spans.add(new Span(audio.reply(), span.startSample(), span.endSample()));
            pump();
        } else if (frame instanceof TtsStoppedFrame stopped) {
            stopped.reply().sentenceAudioComplete(stopped.seq());
            pacer.flush();
            pump();
        } else if (frame instanceof MarkEchoFrame echo) {
            echoed(echo.name());
        } else {
            if (frame instanceof ReplyEndFrame) {
                pacer.flush();
                pump();
            } else if (frame instanceof InterruptionFrame interruption) {
                interrupt(interruption);
            } else if (frame instanceof StartFrame start) {
                streamStartNanos = start.startNanos();
                playEndNanos = start.startNanos();
                started = true;
                pump();
            } else if (frame instanceof EndFrame) {
                end();
            }
            forward(frame, direction);
        }
    }

    /** Sends every chunk that is due and every overdue mark, then arranges the next wake-up. */
    private void pump() {
        if (ended || !started) {
            return;
        }
        long now = clock.nanoTime();
        OutboundPacer.Chunk chunk;
        while ((chunk = pacer.poll()) != null) {
            send(chunk, now);
        }
        expireMarks(now);
        scheduleWakeup(now);
    }

    private void send(OutboundPacer.Chunk chunk, long now) {
        long playStart = Math.max(now, playEndNanos);
        playEndNanos = playStart + TimeUnit.MILLISECONDS.toNanos(chunk.durationMs());
        long offsetMs = TimeUnit.NANOSECONDS.toMillis(playStart - streamStartNanos);
        // nearly always one reply per chunk: no list is built for it
        Reply only = null;
        List<Reply> replies = null;
        for (Iterator<Span> it = spans.iterator(); it.hasNext(); ) {
            Span span = it.next();
            if (span.start() >= chunk.endSample()) {
                break;
            }
            if (only == null) {
                only = span.reply();
            } else if (span.reply() != only && (replies == null || !replies.contains(span.reply()))) {
                if (replies == null) {
                    replies = new ArrayList<>(2);
                    replies.add(only);
                }
                replies.add(span.reply());
            }
            if (span.end() <= chunk.endSample()) {
                it.remove();
            }
        }
        String name = Long.toString(++markSeq);
        marks.add(new Mark(name, chunk.endSample(), offsetMs + chunk.durationMs(), playEndNanos));
        // reported before the mark leaves, so the playback knows the chunk before its echo can come back
        push(new AudioSentFrame(replies != null ? List.copyOf(replies) : only != null ? List.of(only) : List.of(),
                chunk.pcm(), RATE_HZ, offsetMs, now));
        output.sendAudio(chunk.pcm());
        output.sendMark(name);
    }

    /** Marks come back in order: everything up to this one has been played. */
    private void echoed(String name) {
        if (marks.stream().noneMatch(m -> m.name().equals(name))) {
            return; // echoed after a clear, or not ours
        }
        Mark last;
        do {
            last = marks.poll();
        } while (!last.name().equals(name));
        push(new AudioHeardFrame(last.endSample(), last.endOffsetMs()));
    }

    private void expireMarks(long now) {
        Mark last = null;
        while (!marks.isEmpty() && now - marks.peek().playedNanos() >= markTimeoutNanos) {
            last = marks.poll();
        }
        if (last == null) {
            return;
        }
        if (!markTimeoutLogged) {
            markTimeoutLogged = true;
            log.warn("marks not echoed within {} ms of their play-out: assuming the audio was played",
                    TimeUnit.NANOSECONDS.toMillis(markTimeoutNanos));
        }
        push(new AudioHeardFrame(last.endSample(), last.endOffsetMs()));
    }

    private void scheduleWakeup(long now) {
        long due = pacer.nanosUntilDue();
        long next = due == OutboundPacer.NOTHING_DUE ? NOTHING : now + due;
        if (!marks.isEmpty()) {
            next = Math.min(next, marks.peek().playedNanos() + markTimeoutNanos);
        }
        if (next == NOTHING || (wakeup != null && wakeupAtNanos > now && wakeupAtNanos <= next)) {
            return; // nothing to wait for, or an early enough wake-up is already on its way
        }
        if (wakeup != null) {
            wakeup.cancel();
        }
        long seq = ++wakeupSeq;
        wakeupAtNanos = next;
        wakeup = wakeups.schedule(Math.max(0, next - now), () -> runInOrder(() -> woke(seq)));
    }

    private void woke(long seq) {
        if (seq == wakeupSeq) {
            wakeup = null;
            wakeupAtNanos = NOTHING;
        }
        pump();
    }

    private void interrupt(InterruptionFrame interruption) {
        boolean outstanding = !marks.isEmpty() || pacer.queuedSamples() > 0;
        pacer.clear();
        if (outstanding) {
            output.clear();
            long latency = clock.nanoTime() - interruption.onsetNanos();
            report(new MetricsFrame(MetricsFrame.Stage.BARGE_IN_TO_CLEAR, latency));
            log.info("barge-in: clear sent {} ms after speech onset", TimeUnit.NANOSECONDS.toMillis(latency));
        }
        // the far end echoes the cleared marks at once: they say nothing about what was heard
        marks.clear();
        spans.clear();
        playEndNanos = clock.nanoTime();
    }

    private void end() {
        ended = true;
        if (wakeup != null) {
            wakeup.cancel();
            wakeup = null;
        }
        pacer.clear();
        marks.clear();
        spans.clear();
    }

    private record Span(Reply reply, long start, long end) {
    }

    private record Mark(String name, long endSample, long endOffsetMs, long playedNanos) {
    }
}
