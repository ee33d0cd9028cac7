package io.moked.cli.call;

import io.moked.cli.Sleeper;
import io.moked.cli.output.Direction;
import io.moked.cli.output.Output;
import io.moked.crm.tenant.Tenant;

import java.io.PrintWriter;
import java.nio.file.Path;
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
     * The call's header (table output only), then its events paced by {@code pace}, with {@code player} playing
     * {@code recording} from the same instant when given; returns when both are done.
     */
    void replay(CallDtos.Card card, Tenant tenant, double pace, AudioPlayers.Player player,
                Path recording) throws InterruptedException {
        if (!out.isJson()) {
            CallView.header(card, tenant).render(out);
            out.line("");
        }
        sink.println(out.visual("Replaying at " + speedText(pace) + "×. " + CallView.TIMELINE_NOTE));
        sink.flush();
        List<Event> events = events(card.turns());
        Process audio = player == null || recording == null ? null : player.start(recording, pace);
        try {
            play(events, pace, nanoClock.getAsLong(), Direction.forLocale(tenant.locale()));
            if (audio != null) {
                audio.waitFor();
            }
        } finally {
            if (audio != null && audio.isAlive()) {
                audio.destroy();
            }
        }
        sink.println(out.visual(events.isEmpty() ? "No turns recorded." : "End of call"
                + (card.endReason() == null ? "" : " (" + card.endReason() + ")")));
        sink.flush();
    }

    private static String speedText(double speed) {
        return speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
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
