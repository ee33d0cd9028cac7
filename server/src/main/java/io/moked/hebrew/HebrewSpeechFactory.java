package io.moked.hebrew;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * The appliance-wide default normaliser ({@code moked.hebrew.default-number-gender}). Tenants with their own
 * options build one with {@code new HebrewSpeechNormalizer(options)} (it is immutable; build once, reuse).
 */
@Factory
public class HebrewSpeechFactory {
    @Singleton
    HebrewSpeechNormalizer hebrewSpeechNormalizer(
            @Value("${moked.hebrew.default-number-gender:feminine}") String defaultGender) {
        return new HebrewSpeechNormalizer(new HebrewSpeechOptions(Gender.parse(defaultGender), Map.of()));
    }
}
