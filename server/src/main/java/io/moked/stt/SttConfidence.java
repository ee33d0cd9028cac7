package io.moked.stt;

import java.util.List;

/**
 * Confidence of one utterance's transcript, in [0, 1], from what the recogniser reports — never invented: with no
 * probabilities reported the result is {@link #UNKNOWN} (NaN), which the call path treats as "not given".
 * <p>
 * confidence = exp(mean token log-probability) × (1 − no-speech probability): the geometric mean of the decoded
 * tokens' probabilities (what whisper's {@code avg_logprob} averages), discounted by the recogniser's belief that
 * the audio held no speech at all (whisper's {@code no_speech_prob}, the probability of its no-speech token).
 */
public final class SttConfidence {
    public static final double UNKNOWN = Double.NaN;

    private SttConfidence() {
    }

    /** A decoded stretch: its mean token log-probability, how many tokens it has (0 = unknown) and its P(no speech). */
    public record Segment(double avgLogprob, int tokens, double noSpeechProb) {
    }

    /** From per-token log-probabilities (e.g. an OpenAI-compatible {@code logprobs} list); NaN when empty. */
    public static double fromTokenLogprobs(double[] logprobs, double noSpeechProb) {
        if (logprobs == null || logprobs.length == 0) {
            return UNKNOWN;
        }
        double sum = 0;
        for (double lp : logprobs) {
            if (Double.isNaN(lp)) {
                return UNKNOWN;
            }
            sum += Math.min(0, lp);
        }
        return combine(sum / logprobs.length, noSpeechProb);
    }

    /**
     * From segments (whisper's verbose output): their mean log-probabilities weighted by token count (equal weights
     * when counts are unknown), and their no-speech probabilities weighted the same way; NaN when there are none.
     */
    public static double fromSegments(List<Segment> segments) {
        if (segments == null || segments.isEmpty()) {
            return UNKNOWN;
        }
        boolean counted = segments.stream().allMatch(s -> s.tokens() > 0);
        double weight = 0;
        double logprob = 0;
        double noSpeech = 0;
        for (Segment s : segments) {
            if (Double.isNaN(s.avgLogprob())) {
                return UNKNOWN;
            }
            double w = counted ? s.tokens() : 1;
            weight += w;
            logprob += w * Math.min(0, s.avgLogprob());
            noSpeech += w * (Double.isNaN(s.noSpeechProb()) ? 0 : s.noSpeechProb());
        }
        return combine(logprob / weight, noSpeech / weight);
    }

    private static double combine(double meanLogprob, double noSpeechProb) {
        double speech = Double.isNaN(noSpeechProb) ? 1 : 1 - Math.max(0, Math.min(1, noSpeechProb));
        return Math.exp(meanLogprob) * speech;
    }
}
