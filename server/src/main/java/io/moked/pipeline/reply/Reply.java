package io.moked.pipeline.reply;

import io.moked.engine.Cancellation;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One assistant reply, from the moment the agent starts it until the caller has heard it or cut it off (compare
 * LiveKit's {@code SpeechHandle}). Every frame of the reply carries this object, and each stage writes what it
 * learns through its methods: the agent the text and the interruption, the sentence aggregator the sentences, the
 * pacing the audio's place on the agent timeline, the playback the first audio and the heard position (from mark
 * echoes) and finally the {@link Outcome}. So "was it interrupted", "what did the caller hear" and "where did the
 * time go" live here once.
 * <p>
 * States: {@code GENERATING} → {@code SPEAKING} (first audio sent) → {@code HEARD} (all of it played) or
 * {@code INTERRUPTED} (barge-in, a key, or the call ended; its work is cancelled at once); the reply is <em>done</em>
 * when the playback has fixed what was heard and completed {@link #done()}.
 * <p>
 * Thread-safe: the agent's thread, LLM and TTS threads, the pacing thread and the playback touch it. Methods are
 * short and never wait.
 */
public final class Reply {
    public enum Kind {
        /** The tenant's greeting at stream start. */
        GREETING,
        /** The model's answer to a caller turn (or to a key the model is told about). */
        MODEL,
        /** The last reply said again (repeat key), without the model. */
        REPEAT
    }

    public enum State { GENERATING, SPEAKING, HEARD, INTERRUPTED }

    /**
     * How the reply ended for the caller.
     *
     * @param spokenText     what the caller heard: all sentences when heard, the heard words when interrupted
     * @param startOffsetMs  stream position of the first audio, -1 when none was sent
     * @param endOffsetMs    stream position where the heard audio ends, -1 when nothing was heard
     * @param latencyNanos   trigger → first audio sent, -1 when none was sent
     */
    public record Outcome(State state, String spokenText, long startOffsetMs, long endOffsetMs, long latencyNanos,
                          TurnLatency.Stages stages) {
        public boolean interrupted() {
            return state == State.INTERRUPTED;
        }
    }

    private final long id;
    private final Kind kind;
    private final long triggerNanos;
    private final Cancellation cancellation = new Cancellation();
    private final CompletableFuture<Outcome> done = new CompletableFuture<>();
    private final TurnLatency latency;
    // guarded by this
    private State state = State.GENERATING;
    private final StringBuilder text = new StringBuilder();
    private final SpokenSentences sentences = new SpokenSentences();
    private long heardEndOffsetMs = -1;
    private long firstAudioNanos = -1;
    private long startOffsetMs = -1;

    /**
     * @param id           unique within the call, increasing (the conversation history is keyed by it)
     * @param triggerNanos monotonic time of what the reply answers: the VAD's end-of-turn decision, the key press,
     *                     or the stream start for the greeting; turn latency is measured from it
     */
    public Reply(long id, Kind kind, long triggerNanos) {
        this.id = id;
        this.kind = kind;
        this.triggerNanos = triggerNanos;
        this.latency = new TurnLatency(triggerNanos);
    }

    public long id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isGreeting() {
        return kind == Kind.GREETING;
    }

    public long triggerNanos() {
        return triggerNanos;
    }

    /** Cancelled when the reply is interrupted or the call ends: engines stop, queued frames of it are dropped. */
    public Cancellation cancellation() {
        return cancellation;
    }

    /** The stage timings of this turn. */
    public TurnLatency latency() {
        return latency;
    }

    /** Completes once the reply is heard or was interrupted and what was heard is known. */
    public CompletableFuture<Outcome> done() {
        return done;
    }

    public boolean isDone() {
        return done.isDone();
    }

    /** The reply is no longer wanted (interrupted, or its call ended): its frames are stale wherever they are. */
    public boolean isCancelled() {
        return cancellation.isCancelled();
    }

    public synchronized State state() {
        return state;
    }

    /**
     * Barge-in (or a key, or the call ending) cuts the reply: its work is cancelled at once; the playback then fixes
     * what was heard. False when it was already heard or interrupted.
     */
    public boolean interrupt() {
        synchronized (this) {
            if (state == State.HEARD || state == State.INTERRUPTED) {
                return false;
            }
            state = State.INTERRUPTED;
        }
        cancellation.cancel();
        return true;
    }

    /** Text the model (or the greeting, or a repeat) produced, as it streams. */
    public synchronized void appendText(String delta) {
        text.append(delta);
    }

    /** Everything generated so far (not only what was spoken). */
    public synchronized String text() {
        return text.toString();
    }

    /**
     * A sentence is ready for TTS.
     *
     * @param nowNanos when (the first one is the turn's "first speakable text")
     * @return its number within the reply
     */
    public int addSentence(String sentence, long nowNanos) {
        int seq;
        synchronized (this) {
            seq = sentences.add(sentence);
        }
        latency.firstSentence(nowNanos);
        return seq;
    }

    public synchronized List<String> sentences() {
        return sentences.texts();
    }

    /** Audio of sentence {@code seq} was placed on the agent timeline at samples [start, end). */
    public synchronized void audioPlaced(int seq, long start, long end) {
        sentences.placed(seq, start, end);
    }

    /** All audio of sentence {@code seq} is on the timeline (its synthesis finished). */
    public synchronized void sentenceAudioComplete(int seq) {
        sentences.sentenceComplete(seq);
    }

    /** All the reply's audio is on the timeline: once that is heard, the reply is heard. */
    public synchronized void audioComplete() {
        sentences.audioComplete();
    }

    /**
     * The first audio of the reply left for the caller.
     *
     * @return true the first time (the reply starts speaking), false after
     */
    public boolean firstAudioSent(long sentNanos, long offsetMs) {
        synchronized (this) {
            if (firstAudioNanos >= 0) {
                return false;
            }
            firstAudioNanos = sentNanos;
            startOffsetMs = offsetMs;
            if (state == State.GENERATING) {
                state = State.SPEAKING;
            }
        }
        latency.firstFrameSent(sentNanos);
        return true;
    }

    /** Trigger → first audio sent, or -1 before the first audio. */
    public synchronized long latencyNanos() {
        return firstAudioNanos < 0 ? -1 : firstAudioNanos - triggerNanos;
    }

    /** The caller heard the agent timeline up to {@code position} (ending at stream position {@code offsetMs}). */
    public synchronized void heard(long position, long offsetMs) {
        if (sentences.heard(position)) {
            heardEndOffsetMs = offsetMs;
        }
    }

    /** What the reply says, its sentences so far (what the caller hears once it is all played). */
    public synchronized String sentenceText() {
        return sentences.fullText();
    }

    /** The words the caller has heard so far (whole sentences, plus the heard share of a partly heard one). */
    public synchronized String heardText() {
        return sentences.heardText();
    }

    /** Everything this reply will say has been heard. */
    public synchronized boolean fullyHeard() {
        return sentences.fullyHeard();
    }

    /**
     * Fixes the outcome and completes {@link #done()}: heard when fully heard and not interrupted, else interrupted
     * (cut to the heard words; a reply still under way when the call ends is cut too).
     *
     * @return the outcome, or null when the reply was already done
     */
    public Outcome finish() {
        Outcome outcome;
        synchronized (this) {
            if (done.isDone()) {
                return null;
            }
            boolean heard = state != State.INTERRUPTED && sentences.fullyHeard();
            state = heard ? State.HEARD : State.INTERRUPTED;
            long latencyNanos = firstAudioNanos < 0 ? -1 : firstAudioNanos - triggerNanos;
            outcome = new Outcome(state, heard ? sentences.fullText() : sentences.heardText(), startOffsetMs,
                    heardEndOffsetMs, latencyNanos, latency.stages());
        }
        if (outcome.interrupted()) {
            cancellation.cancel();
        }
        done.complete(outcome);
        return outcome;
    }

    /**
     * The first sentence the caller did not hear to its end (where a resumed reply would start), or the number of
     * sentences when all were heard.
     */
    public synchronized int firstUnheardSentence() {
        return sentences.firstUnheard();
    }

    @Override
    public String toString() {
        return "Reply[" + id + ", " + kind + ", " + state() + "]";
    }
}
