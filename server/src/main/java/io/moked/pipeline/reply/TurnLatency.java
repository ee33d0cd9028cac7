package io.moked.pipeline.reply;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the time of one assistant turn went: the moments (monotonic nanos) each stage of the reply was reached,
 * each set once by the stage that reaches it (the agent, the sentence aggregator, TTS, the playback). Thread-safe.
 * {@link #stages()} turns them into consecutive durations that add up to the turn latency.
 */
public final class TurnLatency {
    private static final long UNSET = Long.MIN_VALUE;

    private final long triggerNanos;
    private volatile int endOfSpeechMs = -1;
    private final AtomicLong transcribed = new AtomicLong(UNSET);
    private final AtomicLong firstToken = new AtomicLong(UNSET);
    private final AtomicLong firstSentence = new AtomicLong(UNSET);
    private final AtomicLong ttsFirstAudio = new AtomicLong(UNSET);
    private final AtomicLong firstFrameSent = new AtomicLong(UNSET);

    TurnLatency(long triggerNanos) {
        this.triggerNanos = triggerNanos;
    }

    /**
     * The caller's turn this reply answers.
     *
     * @param endOfSpeechMs    caller's last speech → the VAD's end-of-turn decision (the silence it waited for)
     * @param transcribedNanos when the transcript was ready
     */
    public void userTurn(long endOfSpeechMs, long transcribedNanos) {
        this.endOfSpeechMs = (int) Math.max(0, Math.min(Integer.MAX_VALUE, endOfSpeechMs));
        transcribed.compareAndSet(UNSET, transcribedNanos);
    }

    /** The model's first text of this reply. */
    public void firstToken(long nanos) {
        firstToken.compareAndSet(UNSET, nanos);
    }

    /** The first sentence was ready for TTS (first speakable text). */
    public void firstSentence(long nanos) {
        firstSentence.compareAndSet(UNSET, nanos);
    }

    /** TTS delivered the reply's first audio. */
    public void ttsFirstAudio(long nanos) {
        ttsFirstAudio.compareAndSet(UNSET, nanos);
    }

    /** The reply's first audio frame left for the caller. */
    public void firstFrameSent(long nanos) {
        firstFrameSent.compareAndSet(UNSET, nanos);
    }

    /**
     * Each stage as the time since the previous stage that was reached (for the greeting, which has no caller turn
     * and no model, the first stages are null and TTS counts from the stream start). Stages not reached are null.
     */
    public Stages stages() {
        long[] marks = {transcribed.get(), firstToken.get(), firstSentence.get(), ttsFirstAudio.get(),
                firstFrameSent.get()};
        Integer[] ms = new Integer[marks.length];
        long previous = triggerNanos;
        for (int i = 0; i < marks.length; i++) {
            if (marks[i] != UNSET) {
                ms[i] = (int) TimeUnit.NANOSECONDS.toMillis(Math.max(0, marks[i] - previous));
                previous = marks[i];
            }
        }
        return new Stages(endOfSpeechMs < 0 ? null : endOfSpeechMs, ms[0], ms[1], ms[2], ms[3], ms[4]);
    }

    /**
     * One turn's latency by stage, in milliseconds (null = the stage did not happen in this turn). Apart from
     * {@code endOfSpeechMs}, which comes before the trigger, the stages add up to the turn latency: VAD end-of-turn
     * decision → first audio frame sent.
     *
     * @param endOfSpeechMs     caller's last speech → VAD end-of-turn decision (stream time: the silence waited)
     * @param sttMs             VAD decision → transcript ready (queue and speech-to-text)
     * @param llmFirstTokenMs   transcript → the model's first text
     * @param firstSentenceMs   first text → first sentence ready for TTS (first speakable text)
     * @param ttsFirstAudioMs   first sentence → first TTS audio
     * @param firstFrameSentMs  first TTS audio → first audio frame sent to the caller
     */
    public record Stages(Integer endOfSpeechMs, Integer sttMs, Integer llmFirstTokenMs, Integer firstSentenceMs,
                         Integer ttsFirstAudioMs, Integer firstFrameSentMs) {
        public static final Stages NONE = new Stages(null, null, null, null, null, null);
    }
}
