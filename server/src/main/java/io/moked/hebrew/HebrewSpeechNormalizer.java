package io.moked.hebrew;

import java.util.List;

/**
 * Rewrites Hebrew text for a speech synthesiser: numbers, amounts, phone numbers, times, dates, percentages and
 * abbreviations become words, so the voice reads "שלושה חדרים" and not digits. Immutable and thread-safe; build one
 * per tenant options and reuse it.
 *
 * <p>A pipeline of small rules, in this order: weekday letters (א'-ה' → ראשון עד חמישי), abbreviations (רח' → רחוב, so units such as מ"ר and ש"ח become nouns
 * the number rule can agree with), phone numbers (before anything reads their digits as a number), times, dates,
 * currency and percent signs (reordered to "number noun"), numbers, then leftover signs and spacing.
 */
public final class HebrewSpeechNormalizer {
    private final List<SpeechRule> rules;

    public HebrewSpeechNormalizer(HebrewSpeechOptions options) {
        NounLexicon lexicon = NounLexicon.standard().with(options.extraNouns());
        this.rules = List.of(
                new WeekdayRule(),
                new AbbreviationRule(),
                new PhoneRule(),
                new TimeRule(),
                new DateRule(lexicon),
                new CurrencyRule(),
                new NumberRule(lexicon, options.defaultGender()),
                new CleanupRule());
    }

    public static HebrewSpeechNormalizer withDefaults() {
        return new HebrewSpeechNormalizer(HebrewSpeechOptions.defaults());
    }

    /** The text as it should be spoken; text without anything to rewrite comes back unchanged (spacing aside). */
    public String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String out = text;
        for (SpeechRule rule : rules) {
            out = rule.apply(out);
        }
        return out;
    }
}
