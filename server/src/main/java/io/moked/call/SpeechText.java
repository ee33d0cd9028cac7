package io.moked.call;

import io.moked.hebrew.HebrewSpeechNormalizer;
import io.moked.pipeline.processors.SentenceAggregator;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * What the agent's text sounds like: Hebrew numbers, prices, phone numbers, dates and times spelled out before TTS.
 * The greeting is synthesized ahead under exactly the texts the call will ask TTS for.
 */
@Singleton
public class SpeechText {
    private final HebrewSpeechNormalizer hebrew;

    public SpeechText(HebrewSpeechNormalizer hebrew) {
        this.hebrew = hebrew;
    }

    public String forSpeech(String written) {
        return hebrew.normalize(written);
    }

    /** The greeting as the TTS requests of a call will be: split into sentences, each normalised. */
    public List<String> greetingSentences(String greeting) {
        if (greeting == null || greeting.isBlank()) {
            return List.of();
        }
        return SentenceAggregator.sentences(greeting).stream().map(this::forSpeech).toList();
    }
}
