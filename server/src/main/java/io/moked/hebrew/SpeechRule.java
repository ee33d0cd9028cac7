package io.moked.hebrew;

/** One normalisation step of {@link HebrewSpeechNormalizer}: text in, text out. Implementations are stateless. */
interface SpeechRule {
    String apply(String text);
}
