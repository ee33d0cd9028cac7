package io.moked.tts.g2p;

import java.util.Locale;

/**
 * The phoneme convention a Hebrew voice was trained on; its G2P must produce the same one. renikud's IPA (the
 * "noa" voice, BlueTTS) and phonikud's (the "Shaul" voice) use overlapping symbols but differ in detail (stress
 * placement, furtive patah, vowel letters), so feeding a voice the other convention degrades it silently.
 */
public enum PhonemeConvention {
    RENIKUD, PHONIKUD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PhonemeConvention parse(String value) {
        for (PhonemeConvention c : values()) {
            if (c.id().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("phoneme convention must be renikud or phonikud, got '" + value + "'");
    }
}
