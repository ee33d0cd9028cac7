package io.moked.hebrew;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Nouns whose gender is known, so a number can agree with them. Immutable. The standard list is
 * {@code io/moked/hebrew/nouns.tsv}; tenants extend it with {@link #with}.
 */
public final class NounLexicon {
    private static final String RESOURCE = "nouns.tsv";
    /** longest form in words; forms are looked up longest first */
    static final int MAX_WORDS = 2;

    /**
     * A counted noun form. {@code singular} is the form to use with 1 ("חדר" for "חדרים"); null for a noun whose
     * gender was only guessed from its form (its singular is not known).
     */
    public record Noun(String form, Gender gender, String singular) {
        public boolean isSingular() {
            return form.equals(singular);
        }
    }

    /** Plural endings and the gender they usually mean; exceptions (נשים, חלונות...) are lexicon entries. */
    private static final int MIN_GUESS_LETTERS = 4;

    private final Map<String, Noun> forms;

    private NounLexicon(Map<String, Noun> forms) {
        this.forms = Collections.unmodifiableMap(forms);
    }

    /** The bundled lexicon of common real-estate, money, time and people nouns. */
    public static NounLexicon standard() {
        return Standard.INSTANCE;
    }

    /** A copy with extra nouns (singular form → gender) added or overriding the standard ones. */
    public NounLexicon with(Map<String, Gender> extraSingulars) {
        Map<String, Noun> copy = new HashMap<>(forms);
        extraSingulars.forEach((form, gender) -> copy.put(form.trim(), new Noun(form.trim(), gender, form.trim())));
        return new NounLexicon(copy);
    }

    public Optional<Noun> find(String form) {
        return Optional.ofNullable(forms.get(form));
    }

    /**
     * A noun outside the lexicon, its gender guessed from its plural form: -ות feminine (דירות, הצעות), -ים
     * masculine (פרויקטים, משרדים). Known exceptions are lexicon entries and win. Only Hebrew words of at least
     * {@value #MIN_GUESS_LETTERS} letters; singular forms are not guessed (too many exceptions).
     */
    public Optional<Noun> findOrGuess(String form) {
        Optional<Noun> known = find(form);
        if (known.isPresent() || form.length() < MIN_GUESS_LETTERS || !form.chars().allMatch(c -> c >= 'א' && c <= 'ת')) {
            return known;
        }
        if (form.endsWith("ות")) {
            return Optional.of(new Noun(form, Gender.FEMININE, null));
        }
        if (form.endsWith("ים")) {
            return Optional.of(new Noun(form, Gender.MASCULINE, null));
        }
        return Optional.empty();
    }

    static NounLexicon parse(InputStream in) throws IOException {
        Map<String, Noun> forms = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                if (cols.length < 2) {
                    throw new IOException(RESOURCE + " line " + number + ": expected form<TAB>gender[<TAB>singular]");
                }
                String form = cols[0].trim();
                String singular = cols.length > 2 && !cols[2].isBlank() ? cols[2].trim() : form;
                if (form.split(" ").length > MAX_WORDS) {
                    throw new IOException(RESOURCE + " line " + number + ": at most " + MAX_WORDS + " words");
                }
                forms.put(form, new Noun(form, Gender.parse(cols[1]), singular));
            }
        }
        return new NounLexicon(forms);
    }

    /** Loaded once; immutable afterwards. */
    private static final class Standard {
        static final NounLexicon INSTANCE = load();

        private static NounLexicon load() {
            try (InputStream in = NounLexicon.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource io/moked/hebrew/" + RESOURCE);
                }
                return parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
