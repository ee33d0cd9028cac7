package io.moked.cli.call;

import io.moked.cli.Sleeper;
import io.moked.cli.output.Direction;
import io.moked.cli.output.Output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Prints a recorded call turn by turn at the call's own pace, {@code speed} times faster: each turn appears at its
 * offset from the call's start, so the silence before a reply is the reply's latency, and a cut-off agent turn is
 * followed, at the moment the caller cut in, by an interruption line. Time comes from an injected clock and
 * sleeper, so tests check the pacing without waiting.
 */
final class CallReplay {
    private static final long NANOS_PER_MS = 1_000_000L;

    /** Something to print at {@code atMs} of the call: a turn, or the moment a turn was interrupted. */
    record Event(long atMs, CallDtos.TurnLine turn, boolean interruption) {
    }

    private final Output out;
    private final PrintWriter sink;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;

    /** @param sink where the lines go (stdout, or stderr when stdout carries JSON) */
    CallReplay(Output out, PrintWriter sink, LongSupplier nanoClock, Sleeper sleeper) {
        this.out = out;
        this.sink = sink;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /**
     * The events of a call in time order. A turn without an offset follows the one before it; an interrupted turn
     * with an end adds its interruption at that end.
     */
    static List<Event> events(List<CallDtos.TurnLine> turns) {
        List<Event> events = new ArrayList<>();
        long last = 0;
        for (CallDtos.TurnLine t : turns) {
            long at = t.atMs() == null ? last : Math.max(0, t.atMs());
            events.add(new Event(at, t, false));
            if (t.interrupted() && t.endMs() != null) {
                events.add(new Event(Math.max(at, t.endMs()), t, true));
            }
            last = at;
        }
        events.sort(Comparator.comparingLong(Event::atMs)); // stable: a turn stays before its own interruption
        return events;
    }

    /**
     * Plays the events from now on; {@code startNanos} is the clock reading at the call's offset 0 (so an audio
     * player started at that moment stays in sync).
     */
    void play(List<Event> events, double speed, long startNanos, Direction written) throws InterruptedException {
        for (Event e : events) {
            long due = startNanos + Math.round(e.atMs() / speed * NANOS_PER_MS);
            long wait = due - nanoClock.getAsLong();
            if (wait > 0) {
                sleeper.sleepNanos(wait);
            }
            List<String> lines = e.interruption() ? CallView.interruptionLines(out, e.turn())
                    : CallView.turnLines(out, e.turn(), written);
            lines.forEach(sink::println);
            sink.flush();
        }
    }
}
