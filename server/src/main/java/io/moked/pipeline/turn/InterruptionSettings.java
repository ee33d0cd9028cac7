package io.moked.pipeline.turn;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How one call tells a real interruption from a false one (resolved per tenant at call start; defaults in
 * application.yml, {@code moked.call.interruptions}).
 *
 * @param resumeFalseInterruptions  resume a reply the caller cut off without taking the turn; false = every
 *                                  onset cuts the reply for good (the behaviour before resumes existed)
 * @param minInterruptionMs         caller speech shorter than this (onset → end of speech) never takes the turn
 *                                  by its length alone: the reply resumes at once unless its transcript has words
 * @param falseInterruptionTimeoutMs after longer speech ends, how long to wait for its transcript before the
 *                                  interruption counts as false (STT slow or failed)
 * @param backchannels              utterances that acknowledge rather than take the turn ("כן", "אהה", "mm-hmm"),
 *                                  compared after {@link #normalize}
 */
public record InterruptionSettings(boolean resumeFalseInterruptions, long minInterruptionMs,
                                   long falseInterruptionTimeoutMs, Set<String> backchannels) {

    public InterruptionSettings {
        if (minInterruptionMs < 0 || falseInterruptionTimeoutMs <= 0) {
            throw new IllegalArgumentException("interruption durations must be positive: min " + minInterruptionMs
                    + " ms, timeout " + falseInterruptionTimeoutMs + " ms");
        }
        backchannels = backchannels.stream().map(InterruptionSettings::normalize).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Resumes off: onsets cut replies for good. */
    public static InterruptionSettings off() {
        return new InterruptionSettings(false, 500, 2_000, Set.of());
    }

    /** A transcript made only of backchannel words (each word, or the whole utterance, is one). */
    public boolean isBackchannel(String text) {
        String norm = normalize(text);
        if (norm.isEmpty() || backchannels.contains(norm)) {
            return true;
        }
        for (String word : norm.split(" ")) {
            if (!backchannels.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** Lower case, Hebrew points and punctuation removed, white space collapsed. */
    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        // niqqud and cantillation marks (U+0591..U+05C7) do not change the word
        s = s.replaceAll("[\\u0591-\\u05C7&&[^\\u05BE]]", "");
        s = s.replaceAll("[^\\p{L}\\p{N}\\-]+", " ").strip();
        return s.replaceAll("\\s+", " ");
    }
}
