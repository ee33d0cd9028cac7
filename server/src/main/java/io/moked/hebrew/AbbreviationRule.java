package io.moked.hebrew;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Expands abbreviations (רח' → רחוב, מ"ר → מטר רבוע, ש"ח → שקלים ...) from {@code abbreviations.tsv}, accepting
 * ASCII quotes and the Hebrew geresh/gershayim, with prefixes kept (ברח' → ברחוב).
 */
final class AbbreviationRule implements SpeechRule {
    private static final String RESOURCE = "abbreviations.tsv";

    private final Pattern pattern;
    private final Map<String, String> expansions;

    AbbreviationRule() {
        Map<String, String> table = load();
        expansions = new HashMap<>();
        table.forEach((abbr, expansion) -> expansions.put(canonical(abbr), expansion));
        // longest first so ראשל"צ wins over shorter overlaps
        List<String> alternatives = new ArrayList<>(table.keySet());
        alternatives.sort(Comparator.comparingInt(String::length).reversed());
        String alternation = alternatives.stream().map(AbbreviationRule::toRegex).collect(Collectors.joining("|"));
        pattern = Pattern.compile("(?<![\\p{L}\\p{M}])(?<prefix>[ובלמהשכ]{0,2})(?<abbr>" + alternation
                + ")(?![\\p{L}\\p{M}])");
    }

    @Override
    public String apply(String text) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String expansion = expansions.get(canonical(m.group("abbr")));
            m.appendReplacement(out, Matcher.quoteReplacement(m.group("prefix") + expansion));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** ASCII and Hebrew punctuation compare equal. */
    private static String canonical(String abbr) {
        return abbr.replace('\u05F4', '"').replace('\u05F3', '\'').replace('\u2019', '\'');
    }

    private static String toRegex(String abbr) {
        StringBuilder regex = new StringBuilder();
        for (char c : abbr.toCharArray()) {
            if (c == '"') {
                regex.append("[\"\u05F4]");
            } else if (c == '\'') {
                regex.append("['\u05F3\u2019]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    private static Map<String, String> load() {
        Map<String, String> table = new HashMap<>();
        try (InputStream in = AbbreviationRule.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/moked/hebrew/" + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length != 2) {
                    throw new IllegalStateException(RESOURCE + ": expected abbreviation<TAB>expansion: " + line);
                }
                table.put(cols[0].trim(), cols[1].trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }
}
