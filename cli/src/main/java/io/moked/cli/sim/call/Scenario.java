package io.moked.cli.sim.call;

import io.moked.audio.MuLaw;

import java.util.List;

/**
 * What a simulated caller does, with its audio ready to stream (8 kHz μ-law).
 *
 * @param turns  what the caller says, in order
 * @param timing how long the caller waits for the agent
 */
public record Scenario(List<Turn> turns, Timing timing) {
    public Scenario {
        turns = List.copyOf(turns);
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one turn");
        }
    }

    /**
     * One thing the caller says.
     *
     * @param label          for output: the file name or the text said
     * @param ulaw           8 kHz μ-law audio of the utterance
     * @param pauseMs        silence the caller keeps after speaking, at least, before the next turn
     * @param bargeInAfterMs when set, the caller starts this turn that long after the agent started its reply,
     *                       interrupting it; otherwise the caller waits until the agent has finished speaking
     */
    public record Turn(String label, byte[] ulaw, long pauseMs, Long bargeInAfterMs) {
        public Turn {
            if (ulaw.length == 0) {
                throw new IllegalArgumentException("turn '" + label + "' has no audio");
            }
            if (pauseMs < 0) {
                throw new IllegalArgumentException("pause_ms must not be negative");
            }
            if (bargeInAfterMs != null && bargeInAfterMs < 0) {
                throw new IllegalArgumentException("barge_in_after_ms must not be negative");
            }
        }

        public long speechMs() {
            return ulaw.length / 8L;
        }

        /** 20 ms frames of the utterance (the last one padded with silence). */
        public int frames() {
            return (ulaw.length + FRAME_BYTES - 1) / FRAME_BYTES;
        }

        /** First frame loud enough to be speech: the caller's speech onset (files often start with silence). */
        public int speechStartFrame() {
            int frames = frames();
            for (int f = 0; f < frames; f++) {
                if (voiced(f)) {
                    return f;
                }
            }
            return 0;
        }

        /** Last frame loud enough to be speech: after it the caller has stopped speaking. */
        public int speechEndFrame() {
            for (int f = frames() - 1; f >= 0; f--) {
                if (voiced(f)) {
                    return f;
                }
            }
            return frames() - 1;
        }

        private boolean voiced(int frame) {
            int from = frame * FRAME_BYTES;
            int to = Math.min(ulaw.length, from + FRAME_BYTES);
            double energy = 0;
            for (int i = from; i < to; i++) {
                double s = MuLaw.decode(ulaw[i]);
                energy += s * s;
            }
            return Math.sqrt(energy / Math.max(1, to - from)) >= SPEECH_RMS;
        }
    }

    /** μ-law bytes of one 20 ms frame. */
    static final int FRAME_BYTES = 160;
    /** Frames quieter than -40 dBFS (RMS) count as silence when finding where speech starts and ends. */
    static final double SPEECH_RMS = Short.MAX_VALUE * Math.pow(10, -40 / 20.0);

    /**
     * @param agentIdleMs       the agent counts as done speaking after this long with nothing left to play and no new
     *                          audio (covers the gap between two sentences of one reply)
     * @param replyTimeoutMs    no agent audio this long after the caller stopped speaking is a {@code no_reply} error
     * @param greetingTimeoutMs no greeting this long after the stream started is a {@code no_greeting} error
     * @param clearTimeoutMs    no {@code clear} this long after a barge-in onset is a {@code no_clear} error
     */
    public record Timing(long agentIdleMs, long replyTimeoutMs, long greetingTimeoutMs, long clearTimeoutMs) {
        public static final long DEFAULT_AGENT_IDLE_MS = 800;
        public static final long DEFAULT_REPLY_TIMEOUT_MS = 15_000;
        public static final long DEFAULT_GREETING_TIMEOUT_MS = 10_000;
        public static final long DEFAULT_CLEAR_TIMEOUT_MS = 3_000;

        public static Timing defaults() {
            return new Timing(DEFAULT_AGENT_IDLE_MS, DEFAULT_REPLY_TIMEOUT_MS, DEFAULT_GREETING_TIMEOUT_MS,
                    DEFAULT_CLEAR_TIMEOUT_MS);
        }

        public Timing {
            if (agentIdleMs <= 0 || replyTimeoutMs <= 0 || greetingTimeoutMs <= 0 || clearTimeoutMs <= 0) {
                throw new IllegalArgumentException("scenario timings must be positive");
            }
        }
    }

    /** Upper bound of a whole call: every utterance, pause and timeout, plus a margin. */
    public long maxDurationMs() {
        long total = timing.greetingTimeoutMs() + timing.agentIdleMs();
        for (Turn t : turns) {
            total += t.speechMs() + t.pauseMs() + timing.replyTimeoutMs() + timing.agentIdleMs()
                    + timing.clearTimeoutMs();
        }
        return total + 5_000;
    }
}
