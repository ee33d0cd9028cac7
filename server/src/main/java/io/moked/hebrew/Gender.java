package io.moked.hebrew;

/** Grammatical gender, which Hebrew numbers agree with. */
public enum Gender {
    MASCULINE, FEMININE;

    /** Parses "m"/"masculine"/"f"/"feminine" (config files, lexicon). */
    public static Gender parse(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("m") || v.equals("masculine") || v.equals("male")) {
            return MASCULINE;
        }
        if (v.equals("f") || v.equals("feminine") || v.equals("female")) {
            return FEMININE;
        }
        throw new IllegalArgumentException("gender must be masculine or feminine, got '" + value + "'");
    }
}
