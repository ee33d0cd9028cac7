package io.moked.hebrew;

import java.util.Map;

/**
 * Per-tenant settings of {@link HebrewSpeechNormalizer}.
 *
 * @param defaultGender gender of numbers whose noun is unknown ("12" alone). Feminine is the neutral counting form
 *                      of Hebrew (אחת, שתיים, שלוש); a tenant whose texts mostly count masculine things may prefer
 *                      masculine.
 * @param extraNouns    nouns (singular or plural form) the tenant's texts count, with their gender, added to the
 *                      standard lexicon
 */
public record HebrewSpeechOptions(Gender defaultGender, Map<String, Gender> extraNouns) {
    public static final Gender DEFAULT_GENDER = Gender.FEMININE;

    public HebrewSpeechOptions {
        defaultGender = defaultGender == null ? DEFAULT_GENDER : defaultGender;
        extraNouns = extraNouns == null ? Map.of() : Map.copyOf(extraNouns);
    }

    public static HebrewSpeechOptions defaults() {
        return new HebrewSpeechOptions(DEFAULT_GENDER, Map.of());
    }
}
