package io.moked.tts.g2p;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule-based phonemizer: vocalized Hebrew (niqqud, plus phonikud's phonetic marks) → IPA in phonikud's "modern"
 * convention, the phoneme set of voices trained on phonikud (e.g. "Shaul"). Pure and thread-safe; needs no model.
 * <p>
 * The rules follow the phonikud phonemizer (github.com/thewh1teagle/phonikud, {@code phonikud/hebrew.py},
 * {@code lexicon.py}, {@code utils.py}; CC BY 4.0, Copyright thewh1teagle): this is an independent Java
 * implementation of those published rules, not a copy of their code. Per word:
 * <ul>
 *   <li>text is NFD-decomposed, the marks of each letter sorted, ״ → ", ׳ → ', maqaf → "-";</li>
 *   <li>consonants from a letter table; dagesh makes ב כ פ plosive (b k p); ש is ʃ unless it has the sin dot (s);</li>
 *   <li>a geresh makes ג' ז' צ' ת' foreign sounds (dʒ ʒ tʃ ta);</li>
 *   <li>ו: holam → o, shuruk/kubuts → u, with its own vowel → v + vowel, doubled וו → v; a bare ו inside a word is
 *       silent (a vowel letter);</li>
 *   <li>silent letters: א without marks inside a word (before anything but ו), י without marks between letters
 *       (a vowel letter) unless a marked ו follows;</li>
 *   <li>a final ח/ה/ע with patah is a furtive patah: ax / ah / a, and it never carries the stress;</li>
 *   <li>kamatz before a hataf-kamatz is o; vocal shva (meteg U+05BD) is e, plain shva is silent;</li>
 *   <li>stress: {@code ˈ} before the vowel of the letter that carries the stress mark (U+05AB); a word without one
 *       is stressed on its last vowel (milra, the most common Hebrew stress);</li>
 *   <li>word-final ʔ and h are dropped, final "ij" becomes "i"; x → χ, r → ʁ, g → ɡ (modern spelling).</li>
 * </ul>
 * Output alphabet: {@code abdefhijklmnopstuvwzɡʁʃʒʔˈχ} plus space and {@code .,!?}; anything else is dropped.
 */
public final class HebrewPhonemizer {
    public static final char STRESS = 'ˈ';
    static final char HATAMA = '\u05AB';
    static final char VOCAL_SHVA = '\u05BD';
    static final char PREFIX_MARK = '|';
    static final char SHVA = '\u05B0';
    static final char HATAF_SEGOL = '\u05B1';
    static final char HATAF_PATAH = '\u05B2';
    static final char HATAF_KAMATZ = '\u05B3';
    static final char HIRIK = '\u05B4';
    static final char TSERE = '\u05B5';
    static final char SEGOL = '\u05B6';
    static final char PATAH = '\u05B7';
    static final char KAMATZ = '\u05B8';
    static final char HOLAM = '\u05B9';
    static final char HOLAM_HASER_FOR_VAV = '\u05BA';
    static final char KUBUTS = '\u05BB';
    static final char DAGESH = '\u05BC';
    static final char SHIN_DOT = '\u05C1';
    static final char SIN_DOT = '\u05C2';
    static final char KAMATZ_KATAN = '\u05C7';
    private static final String VOWELS = "aeiou";
    /** Characters the output may contain. */
    public static final String ALPHABET = "abdefhijklmnopstuvwzɡʁʃʒʔˈχ .,!?";

    /** A Hebrew word: letters, marks, geresh/gershayim, the prefix bar. */
    private static final Pattern WORD = Pattern.compile("[\u05B0-\u05EA\u05AB\u05BD|'\"]+");
    private static final Pattern LETTER = Pattern.compile("(\\p{L})([\\p{M}'|]*)");

    /** One letter with its marks ({@code marks}: all, sorted; {@code diac}: without stress, vocal shva, prefix). */
    record Letter(char ch, String marks, String diac) {
        boolean has(char mark) {
            return diac.indexOf(mark) >= 0;
        }

        boolean hasAny(char... marks) {
            for (char m : marks) {
                if (has(m)) {
                    return true;
                }
            }
            return false;
        }

        boolean stressed() {
            return marks.indexOf(HATAMA) >= 0;
        }
    }

    /** IPA of vocalized Hebrew; other text (digits, Latin) is dropped, punctuation {@code .,!?} kept. */
    public String phonemize(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String normalized = normalize(text);
        Matcher m = WORD.matcher(normalized);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (m.find()) {
            out.append(between(normalized.substring(at, m.start())));
            out.append(word(m.group()));
            at = m.end();
        }
        out.append(between(normalized.substring(at)));
        return clean(out.toString());
    }

    /** Between Hebrew words only spacing and the punctuation a voice pauses on survive (digits, Latin: dropped). */
    private static String between(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(Character.isWhitespace(c) || ".,!?-".indexOf(c) >= 0 ? c : ' ');
        }
        return out.toString();
    }

    /** NFD, marks sorted per letter, Hebrew punctuation to ASCII. */
    static String normalize(String text) {
        String nfd = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replace('\u05F4', '"').replace('\u05F3', '\'').replace('\u05BE', '-');
        StringBuilder out = new StringBuilder(nfd.length());
        int i = 0;
        while (i < nfd.length()) {
            char c = nfd.charAt(i);
            out.append(c);
            i++;
            if (!Character.isLetter(c)) {
                continue;
            }
            int start = i;
            while (i < nfd.length() && Character.getType(nfd.charAt(i)) == Character.NON_SPACING_MARK) {
                i++;
            }
            char[] marks = nfd.substring(start, i).toCharArray();
            java.util.Arrays.sort(marks);
            out.append(marks);
        }
        return out.toString();
    }

    static List<Letter> letters(String word) {
        List<Letter> letters = new ArrayList<>();
        Matcher m = LETTER.matcher(word);
        while (m.find()) {
            char[] marks = m.group(2).toCharArray();
            java.util.Arrays.sort(marks);
            String all = new String(marks);
            StringBuilder diac = new StringBuilder();
            for (char c : marks) {
                if (c != HATAMA && c != VOCAL_SHVA && c != PREFIX_MARK) {
                    diac.append(c);
                }
            }
            letters.add(new Letter(m.group(1).charAt(0), all, diac.toString()));
        }
        return letters;
    }

    /** One word's IPA (stress placed, final-sound rules and modern spelling applied). */
    String word(String word) {
        List<Letter> letters = letters(word);
        if (letters.isEmpty()) {
            return "";
        }
        boolean explicitStress = letters.stream().anyMatch(Letter::stressed);
        StringBuilder ipa = new StringBuilder();
        int furtiveAt = -1;
        int i = 0;
        while (i < letters.size()) {
            Letter prev = i > 0 ? letters.get(i - 1) : null;
            Letter next = i + 1 < letters.size() ? letters.get(i + 1) : null;
            Emitted e = letter(letters.get(i), prev, next);
            if (e.furtive()) {
                furtiveAt = ipa.length();
            }
            ipa.append(stressBeforeVowel(e.phonemes()));
            i += 1 + e.skip();
        }
        String out = ipa.toString();
        if (!explicitStress) {
            out = milra(out, furtiveAt);
        }
        return modern(finalSounds(out));
    }

    private record Emitted(String phonemes, int skip, boolean furtive) {
    }

    private Emitted letter(Letter cur, Letter prev, Letter next) {
        StringBuilder p = new StringBuilder();
        boolean skipConsonant = false;
        boolean skipDiacritics = false;
        int skip = 0;
        boolean furtive = false;
        if (cur.ch() == 'א' && cur.diac().isEmpty() && prev != null) {
            // silent alef inside a word (ראש), except before ו where it opens a syllable
            skipConsonant = next != null && next.ch() != 'ו';
        } else if (cur.ch() == 'י' && silentYod(cur, prev, next)) {
            skipConsonant = true;
        } else if (cur.ch() == 'ש') {
            if (cur.has(SIN_DOT)) {
                if (next != null && next.ch() == 'ש' && next.diac().isEmpty() && cur.hasAny(PATAH, KAMATZ)) {
                    p.append("sa"); // יששכר: the second ש is silent
                    skip = 1;
                    skipDiacritics = true;
                } else {
                    p.append('s');
                }
                skipConsonant = true;
            } else if (cur.diac().isEmpty() && prev != null && prev.has(SIN_DOT)) {
                p.append('s');
                skipConsonant = true;
            }
        } else if (next == null && cur.has(PATAH) && (cur.ch() == 'ח' || cur.ch() == 'ה' || cur.ch() == 'ע')) {
            p.append(cur.ch() == 'ח' ? "ax" : cur.ch() == 'ה' ? "ah" : "a");
            skipConsonant = true;
            skipDiacritics = true;
            furtive = true;
        }
        if (cur.diac().indexOf('\'') >= 0 && geresh(cur.ch()) != null) {
            p.append(geresh(cur.ch()));
            skipConsonant = true;
            skipDiacritics = cur.ch() == 'ת';
        } else if (cur.has(DAGESH) && plosive(cur.ch()) != null) {
            p.append(plosive(cur.ch()));
            skipConsonant = true;
        } else if (cur.ch() == 'ו') {
            Vav v = vav(cur, prev, next);
            p.append(v.phonemes());
            skipConsonant = true;
            skipDiacritics = true;
            skip += v.skip();
        }
        if (!skipConsonant) {
            p.append(consonant(cur.ch()));
        }
        if (cur.has(KAMATZ) && next != null && next.has(HATAF_KAMATZ)) {
            p.append('o'); // kamatz katan before hataf kamatz (צָהֳרַיִם)
            skipDiacritics = true;
        }
        if (!skipDiacritics) {
            for (char mark : cur.marks().toCharArray()) {
                p.append(vowel(mark));
            }
        } else if (cur.stressed()) {
            p.append(STRESS);
        }
        return new Emitted(p.toString(), skip, furtive);
    }

    private static boolean silentYod(Letter cur, Letter prev, Letter next) {
        return next != null && cur.diac().isEmpty() && prev != null
                && !(prev.ch() == 'א' && prev.diac().equals(String.valueOf(TSERE)))
                && !(next.ch() == 'ו' && !next.diac().isEmpty() && !next.has(SHVA));
    }

    private record Vav(String phonemes, int skip) {
    }

    private static Vav vav(Letter cur, Letter prev, Letter next) {
        if (prev != null && prev.has(SHVA) && cur.has(HOLAM)) {
            return new Vav("vo", 0);
        }
        if (next != null && next.ch() == 'ו') {
            String both = cur.diac() + next.diac();
            if (both.indexOf(HOLAM) >= 0) {
                return new Vav("vo", 1);
            }
            if (cur.diac().equals(next.diac())) {
                return new Vav("vu", 1);
            }
            if (cur.has(HIRIK)) {
                return new Vav("vi", 0);
            }
            if (cur.has(SHVA) && next.diac().isEmpty()) {
                return new Vav("v", 0);
            }
            if (cur.hasAny(KAMATZ, PATAH)) {
                return new Vav("va", 0);
            }
            if (cur.hasAny(TSERE, SEGOL) || cur.marks().indexOf(VOCAL_SHVA) >= 0) {
                return new Vav("ve", 0);
            }
            return new Vav("", 0);
        }
        if (cur.hasAny(PATAH, KAMATZ)) {
            return new Vav("va", 0);
        }
        if (cur.hasAny(TSERE, SEGOL) || cur.marks().indexOf(VOCAL_SHVA) >= 0) {
            return new Vav("ve", 0);
        }
        if (cur.has(HOLAM)) {
            return new Vav("o", 0);
        }
        if (cur.hasAny(KUBUTS, DAGESH)) {
            return new Vav("u", 0);
        }
        if (cur.has(SHVA) && prev == null) {
            return new Vav("ve", 0);
        }
        if (cur.has(HIRIK)) {
            return new Vav("vi", 0);
        }
        if (next != null && cur.diac().isEmpty()) {
            return new Vav("", 0); // a vowel letter the marks already voice
        }
        return new Vav("v", 0);
    }

    static String consonant(char c) {
        switch (c) {
            case 'א': case 'ע': return "ʔ";
            case 'ב': case 'ו': return "v";
            case 'ג': return "g";
            case 'ד': return "d";
            case 'ה': return "h";
            case 'ז': return "z";
            case 'ח': case 'כ': case 'ך': return "x";
            case 'ט': case 'ת': return "t";
            case 'י': return "j";
            case 'ל': return "l";
            case 'מ': case 'ם': return "m";
            case 'נ': case 'ן': return "n";
            case 'ס': return "s";
            case 'פ': case 'ף': return "f";
            case 'צ': case 'ץ': return "ts";
            case 'ק': return "k";
            case 'ר': return "r";
            case 'ש': return "ʃ";
            default: return "";
        }
    }

    private static String plosive(char c) {
        switch (c) {
            case 'ב': return "b";
            case 'כ': case 'ך': return "k";
            case 'פ': case 'ף': return "p";
            default: return null;
        }
    }

    private static String geresh(char c) {
        switch (c) {
            case 'ג': return "dʒ";
            case 'ז': return "ʒ";
            case 'צ': case 'ץ': return "tʃ";
            case 'ת': return "ta";
            default: return null;
        }
    }

    static String vowel(char mark) {
        switch (mark) {
            case HIRIK: return "i";
            case HATAF_SEGOL: case TSERE: case SEGOL: case VOCAL_SHVA: return "e";
            case HATAF_PATAH: case PATAH: case KAMATZ: return "a";
            case KAMATZ_KATAN: case HOLAM: case HOLAM_HASER_FOR_VAV: case HATAF_KAMATZ: return "o";
            case KUBUTS: return "u";
            case HATAMA: return String.valueOf(STRESS);
            default: return "";
        }
    }

    /** Within one letter's phonemes the stress mark goes right before the first vowel (if it has one). */
    static String stressBeforeVowel(String phonemes) {
        int mark = phonemes.indexOf(STRESS);
        if (mark < 0) {
            return phonemes;
        }
        String plain = phonemes.replace(String.valueOf(STRESS), "");
        for (int i = 0; i < plain.length(); i++) {
            if (VOWELS.indexOf(plain.charAt(i)) >= 0) {
                return plain.substring(0, i) + STRESS + plain.substring(i);
            }
        }
        return phonemes; // no vowel here: the mark waits for the next letter's vowel
    }

    /** No stress mark: stress the last vowel that is not a furtive patah. */
    static String milra(String ipa, int furtiveAt) {
        for (int i = ipa.length() - 1; i >= 0; i--) {
            if (VOWELS.indexOf(ipa.charAt(i)) >= 0 && (furtiveAt < 0 || i < furtiveAt)) {
                return ipa.substring(0, i) + STRESS + ipa.substring(i);
            }
        }
        return ipa;
    }

    /** A stress mark left before a consonant moves to the following vowel; final ʔ/h dropped; final ij → i. */
    static String finalSounds(String ipa) {
        String out = moveStrandedStress(ipa);
        if (out.endsWith("ʔ")) {
            out = out.substring(0, out.length() - 1);
        }
        if (out.endsWith("ˈh")) {
            out = out.substring(0, out.length() - 2);
        } else if (out.endsWith("h")) {
            out = out.substring(0, out.length() - 1);
        }
        if (out.endsWith("ij")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    private static String moveStrandedStress(String ipa) {
        int mark = ipa.indexOf(STRESS);
        if (mark < 0 || mark + 1 >= ipa.length() || VOWELS.indexOf(ipa.charAt(mark + 1)) >= 0) {
            return ipa;
        }
        String without = ipa.substring(0, mark) + ipa.substring(mark + 1);
        for (int i = mark; i < without.length(); i++) {
            if (VOWELS.indexOf(without.charAt(i)) >= 0) {
                return without.substring(0, i) + STRESS + without.substring(i);
            }
        }
        return ipa;
    }

    static String modern(String ipa) {
        return ipa.replace('x', 'χ').replace('r', 'ʁ').replace('g', 'ɡ');
    }

    /** Keeps the output alphabet; a hyphen becomes a space; runs of spaces collapse. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-' || Character.isWhitespace(c)) {
                c = ' ';
            }
            if (ALPHABET.indexOf(c) >= 0 && !(c == ' ' && (out.length() == 0 || out.charAt(out.length() - 1) == ' '))) {
                out.append(c);
            }
        }
        return out.toString().strip();
    }
}
