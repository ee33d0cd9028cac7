package io.moked.cli.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A "show" view: one labelled value per line, labels aligned.
 * <pre>
 * Slug:            tel-aviv-homes
 * Greeting:        ...
 * Messages:
 *   busy:          ...
 *   after-hours:   ...
 * Body:
 *   (a multi-line value, indented under its label)
 * </pre>
 * Labels stay left to right; each value is laid out as its own paragraph(s) in the rest of the line
 * ({@link Output#labelled}), so a Hebrew value reads right to left with its punctuation where it belongs, and a long
 * value wraps under itself. Give prose as {@link Text} so that values without letters take the tenant's direction.
 */
public final class Fields implements TextView {
    private static final String NO_VALUE = "-";
    private static final String SUB_INDENT = "  ";
    /** After "label:": at least two spaces before the value. */
    private static final int LABEL_GAP = 3;

    private record Field(String label, Object value) {
    }

    private final List<Field> fields = new ArrayList<>();

    public static Fields create() {
        return new Fields();
    }

    /**
     * Adds a field. {@code value} may be a {@link Text}, a {@link Map} (shown as indented "key: value" lines, in
     * the map's order, values again plain or {@link Text}), null (shown as "-") or anything else (its
     * {@code String.valueOf}).
     */
    public Fields add(String label, Object value) {
        Object shown;
        if (value == null) {
            shown = NO_VALUE;
        } else if (value instanceof Map<?, ?> map) {
            shown = map.isEmpty() ? NO_VALUE : new LinkedHashMap<>(map);
        } else if (value instanceof Text text) {
            shown = text.value() == null ? NO_VALUE : text;
        } else {
            shown = String.valueOf(value);
        }
        fields.add(new Field(label, shown));
        return this;
    }

    @Override
    public void render(Output out) {
        int labelWidth = fields.stream().mapToInt(f -> BidiText.displayWidth(f.label())).max().orElse(0);
        for (Field field : fields) {
            String label = field.label() + ":";
            if (field.value() instanceof Map<?, ?> entries) {
                out.rawLine(out.visual(label));
                int keyWidth = entries.keySet().stream().mapToInt(k -> BidiText.displayWidth(String.valueOf(k)))
                        .max().orElse(0);
                entries.forEach((key, value) -> out.labelled(SUB_INDENT + key + ":",
                        SUB_INDENT.length() + keyWidth + LABEL_GAP, value == null ? NO_VALUE : value, null));
            } else if (String.valueOf(field.value()).contains("\n")) {
                out.rawLine(out.visual(label));
                out.labelled("", SUB_INDENT.length(), field.value(), null);
            } else {
                out.labelled(label, labelWidth + LABEL_GAP, field.value(), null);
            }
        }
    }
}
