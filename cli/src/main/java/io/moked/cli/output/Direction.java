package io.moked.cli.output;

import java.util.Locale;
import java.util.Set;

/**
 * The base direction of a paragraph of text. A paragraph takes it from its first strong character (a letter);
 * {@link #forLocale} gives the fallback for text without one (a price, a phone number, "?"), which is the direction
 * of the language the text is written in, e.g. a tenant's locale.
 */
public enum Direction {
    LTR,
    RTL;

    /** Languages written right to left (ISO 639 codes, including the legacy ones Java still reports: iw, ji). */
    private static final Set<String> RTL_LANGUAGES = Set.of("he", "iw", "yi", "ji", "ar", "fa", "ur", "ps", "sd",
            "ug", "dv", "ckb", "syr");
    /** Scripts written right to left (ISO 15924), for tags that name one, such as "az-Arab". */
    private static final Set<String> RTL_SCRIPTS = Set.of("Hebr", "Arab", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg",
            "Mand", "Samr");

    /** The direction of a BCP 47 language tag ("he-IL" → RTL, "en-US" → LTR); null or blank → LTR. */
    public static Direction forLocale(String languageTag) {
        if (languageTag == null || languageTag.isBlank()) {
            return LTR;
        }
        return forLocale(Locale.forLanguageTag(languageTag.strip()));
    }

    public static Direction forLocale(Locale locale) {
        if (locale == null) {
            return LTR;
        }
        if (!locale.getScript().isEmpty()) {
            return RTL_SCRIPTS.contains(locale.getScript()) ? RTL : LTR;
        }
        return RTL_LANGUAGES.contains(locale.getLanguage()) ? RTL : LTR;
    }

    public boolean isRightToLeft() {
        return this == RTL;
    }
}
