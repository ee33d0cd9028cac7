package io.moked.pipeline;

/**
 * One caller turn of speech (pre-roll, speech, trailing pad), mono float PCM at 16 kHz in [-1, 1], ready for STT.
 *
 * @param startOffsetMs  stream position of the first sample
 * @param endOffsetMs    stream position where the speech ended
 * @param endOfSpeechMs  how much stream time passed from the end of the speech to the VAD's end-of-turn decision
 * @param speechEndNanos monotonic time the end of the turn was decided (the deciding frame's arrival)
 */
public record SpeechSegmentFrame(float[] pcm16k, long startOffsetMs, long endOffsetMs, long endOfSpeechMs,
                                 long speechEndNanos) implements DataFrame {
}
