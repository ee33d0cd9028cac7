package io.moked.cli.output;

import java.util.HashMap;
import java.util.Map;

/**
 * Mirrored glyphs for characters in right-to-left runs (UAX #9 rule L4): "(" shown in a Hebrew run is drawn as ")".
 * The JDK knows which characters are mirrored ({@link Character#isMirrored}) but not their partner, so the pairs a
 * terminal can show are listed here (from Unicode's BidiMirroring.txt: brackets, quotation marks, comparisons);
 * a mirrored character without a partner glyph (∑) is shown as it is, which is what terminals do too.
 */
final class Mirroring {
    private static final String PAIRS = "()<>[]{}«»‹›⁅⁆⁽⁾₍₎≤≥≪≫≺≻⊂⊃⊆⊇∈∋⌈⌉⌊⌋〈〉❨❩❪❫❬❭❮❯❰❱❲❳❴❵⟦⟧⟨⟩⟪⟫⟬⟭⟮⟯"
            + "⦃⦄⦅⦆⦇⦈⦉⦊⸂⸃⸄⸅⸉⸊⸌⸍⸜⸝⸠⸡⸢⸣⸤⸥⸦⸧⸨⸩〈〉《》「」『』【】〔〕〖〗〘〙〚〛"
            + "﹙﹚﹛﹜﹝﹞﹤﹥（）＜＞［］｛｝｟｠｢｣";
    private static final Map<Integer, Integer> MIRRORS = new HashMap<>();

    static {
        int[] codePoints = PAIRS.codePoints().toArray();
        for (int i = 0; i + 1 < codePoints.length; i += 2) {
            MIRRORS.put(codePoints[i], codePoints[i + 1]);
            MIRRORS.put(codePoints[i + 1], codePoints[i]);
        }
    }

    private Mirroring() {
    }

    /** The mirrored glyph of {@code codePoint}, or the code point itself when it has none. */
    static int mirror(int codePoint) {
        return MIRRORS.getOrDefault(codePoint, codePoint);
    }

    /** Every code point that has a partner here (for tests). */
    static Map<Integer, Integer> pairs() {
        return Map.copyOf(MIRRORS);
    }
}
