package io.moked.cli.sim.call;

import io.moked.cli.sim.report.LoadReport;
import io.moked.cli.sim.report.Metric;
import io.moked.cli.sim.twilio.Playback;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * What the simulated caller does from frame to frame: waits for the greeting, says each turn of the scenario
 * (interrupting the agent when the turn has {@code barge_in_after_ms}), stays silent while the agent answers, and
 * measures greeting, turn and barge-in latencies. Speech onset and end are the first and last frames of an
 * utterance that are loud enough to be speech, so silence at the edges of a WAV file does not count.
 * Not thread-safe: {@link SimulatedCall} calls it under its lock.
 */
final class CallerTurns {
    enum Next { CONTINUE, HANG_UP }

    private enum Phase { GREETING, SPEAKING, WAITING, DONE }

    private static final long NANOS_PER_MS = 1_000_000;

    private final Scenario scenario;
    private final Scenario.Timing timing;
    private final Playback playback;
    private final LoadReport report;
    private final CallListener listener;
    private final BiConsumer<String, String> errors;
    private final List<CallResult.TurnResult> results = new ArrayList<>();

    private Phase phase = Phase.GREETING;
    private long startNanos;
    private double greetingMs = -1;
    private int turn = -1;
    private int turnFrame;
    private int speechStart;
    private int speechEnd;
    private boolean bargeIn;
    private long onsetNanos;
    private boolean awaitingClear;
    private boolean speechEnded;
    private long endOfSpeechNanos;
    private boolean replyHeard;
    private long replyStartNanos;
    private long lastAgentAudioNanos;
    private double latencyMs;
    private double clearMs;

    CallerTurns(Scenario scenario, Playback playback, LoadReport report, CallListener listener,
                BiConsumer<String, String> errors) {
        this.scenario = scenario;
        this.timing = scenario.timing();
        this.playback = playback;
        this.report = report;
        this.listener = listener;
        this.errors = errors;
    }

    void streamStarted(long nanos) {
        startNanos = nanos;
    }

    /** Decides, before a frame is sent, whether the caller starts a turn, keeps waiting or hangs up. */
    Next beforeFrame(long now) {
        if (phase == Phase.GREETING) {
            Scenario.Turn first = scenario.turns().get(0);
            if (replyHeard && bargeDue(first, now)) {
                begin(0, now, true);
            } else if (replyHeard && agentIdle(now)) {
                begin(0, now, false);
            } else if (!replyHeard && now - startNanos > ms(timing.greetingTimeoutMs())) {
                errors.accept("no_greeting", "no agent audio " + timing.greetingTimeoutMs() + " ms after start");
                begin(0, now, false);
            }
        } else if (phase == Phase.WAITING) {
            return waiting(now);
        }
        return phase == Phase.DONE ? Next.HANG_UP : Next.CONTINUE;
    }

    private Next waiting(long now) {
        if (!replyHeard && now - endOfSpeechNanos > ms(timing.replyTimeoutMs())) {
            errors.accept("no_reply", "turn " + (turn + 1) + ": no agent audio " + timing.replyTimeoutMs()
                    + " ms after the caller stopped speaking");
            replyHeard = true;
            lastAgentAudioNanos = now - ms(timing.agentIdleMs());
        }
        if (awaitingClear && now - onsetNanos > ms(timing.clearTimeoutMs())) {
            errors.accept("no_clear", "turn " + (turn + 1) + ": no clear " + timing.clearTimeoutMs()
                    + " ms after the caller barged in");
            awaitingClear = false;
        }
        if (now - endOfSpeechNanos < ms(current().pauseMs()) || !replyHeard || awaitingClear) {
            return Next.CONTINUE;
        }
        if (turn == scenario.turns().size() - 1) {
            if (agentIdle(now)) {
                close();
                phase = Phase.DONE;
                return Next.HANG_UP;
            }
            return Next.CONTINUE;
        }
        Scenario.Turn next = scenario.turns().get(turn + 1);
        if (bargeDue(next, now)) {
            close();
            begin(turn + 1, now, true);
        } else if (agentIdle(now)) {
            close();
            begin(turn + 1, now, false);
        }
        return Next.CONTINUE;
    }

    /** A barge-in turn starts once the agent has talked that long and is still talking. */
    private boolean bargeDue(Scenario.Turn t, long now) {
        return t.bargeInAfterMs() != null && playback.isPlaying() && now - replyStartNanos >= ms(t.bargeInAfterMs());
    }

    private boolean agentIdle(long now) {
        return !playback.isPlaying() && now - lastAgentAudioNanos >= ms(timing.agentIdleMs());
    }

    private void begin(int index, long now, boolean interrupting) {
        turn = index;
        Scenario.Turn t = current();
        turnFrame = 0;
        speechStart = t.speechStartFrame();
        speechEnd = t.speechEndFrame();
        bargeIn = interrupting;
        awaitingClear = interrupting;
        onsetNanos = now;
        speechEnded = false;
        replyHeard = false;
        latencyMs = -1;
        clearMs = -1;
        phase = Phase.SPEAKING;
        listener.onCallerSpeaks(index, t.label(), interrupting);
    }

    /** The frame the caller sends now: the next 20 ms of the current utterance, or {@code silence}. */
    byte[] nextFrame(byte[] silence) {
        if (phase != Phase.SPEAKING) {
            return silence;
        }
        byte[] audio = current().ulaw();
        int from = turnFrame++ * Playback.FRAME_BYTES;
        if (from + Playback.FRAME_BYTES <= audio.length) {
            return Arrays.copyOfRange(audio, from, from + Playback.FRAME_BYTES);
        }
        byte[] last = silence.clone();
        System.arraycopy(audio, from, last, 0, audio.length - from);
        return last;
    }

    /** After a frame left: Twilio sends a frame once its 20 ms were captured, so this is when its sound ended. */
    void afterFrame(long now) {
        if (phase != Phase.SPEAKING) {
            return;
        }
        int sent = turnFrame - 1;
        if (sent == speechStart && clearMs < 0) {
            onsetNanos = now;  // the caller's voice starts here, not at the file's leading silence
        }
        if (sent == speechEnd) {
            speechEnded = true;
            endOfSpeechNanos = now;
            listener.onCallerSilent(turn);
        }
        if (turnFrame >= current().frames()) {
            phase = Phase.WAITING;
        }
    }

    void agentAudio(long nanos) {
        if (phase == Phase.GREETING && !replyHeard) {
            replyHeard = true;
            replyStartNanos = nanos;
            greetingMs = (nanos - startNanos) / (double) NANOS_PER_MS;
            report.stats(Metric.GREETING).recordNanos(nanos - startNanos);
            listener.onGreetingAudio(Math.round(greetingMs));
        } else if (speechEnded && !replyHeard && nanos >= endOfSpeechNanos) {
            replyHeard = true;
            replyStartNanos = nanos;
            latencyMs = (nanos - endOfSpeechNanos) / (double) NANOS_PER_MS;
            report.stats(Metric.TURN).recordNanos(nanos - endOfSpeechNanos);
            listener.onAgentReply(turn, Math.round(latencyMs));
        }
        lastAgentAudioNanos = nanos;
    }

    void cleared(long nanos) {
        if (awaitingClear) {
            awaitingClear = false;
            long latency = Math.max(0, nanos - onsetNanos);
            clearMs = latency / (double) NANOS_PER_MS;
            report.stats(Metric.CLEAR).recordNanos(latency);
            listener.onClear(turn, Math.round(clearMs));
        } else if (phase != Phase.SPEAKING) {
            // the caller was silent: nothing justified an interruption
            errors.accept("unexpected_clear", "clear while the caller was silent (turn " + (turn + 1) + ")");
        }
    }

    boolean overdue(long now) {
        return now - startNanos > ms(scenario.maxDurationMs());
    }

    /** The appliance hung up after answering the last turn: the conversation is over, not cut short. */
    boolean finishedWithReply() {
        boolean finished = turn == scenario.turns().size() - 1 && speechEnded && replyHeard;
        if (finished) {
            close();
            phase = Phase.DONE;
        }
        return finished;
    }

    /** Records the turn under way (if not yet recorded). */
    void close() {
        if (turn >= 0 && results.size() == turn) {
            Scenario.Turn t = current();
            results.add(new CallResult.TurnResult(turn, t.label(), bargeIn, t.speechMs(), latencyMs, clearMs));
        }
    }

    double greetingMs() {
        return greetingMs;
    }

    List<CallResult.TurnResult> results() {
        return List.copyOf(results);
    }

    private Scenario.Turn current() {
        return scenario.turns().get(turn);
    }

    private static long ms(long millis) {
        return millis * NANOS_PER_MS;
    }
}
