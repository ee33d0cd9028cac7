package io.moked.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * A "show" view: one labelled value per line, labels aligned.
 * <pre>
 * Slug:            tel-aviv-homes
 * Business name:   ...
 * </pre>
 * Multi-line values (prompt bodies) are indented under their label.
 */
public final class Fields implements TextView {
    private record Field(String label, String value) {
    }

    private final List<Field> fields = new ArrayList<>();

    public static Fields create() {
        return new Fields();
    }

    /** Adds a field; null values are shown as "-". */
    public Fields add(String label, Object value) {
        fields.add(new Field(label, value == null ? "-" : String.valueOf(value)));
        return this;
    }

    @Override
    public void render(Output out) {
        int labelWidth = fields.stream().mapToInt(f -> BidiText.displayWidth(f.label())).max().orElse(0);
        for (Field field : fields) {
            String label = field.label() + ":";
            String pad = " ".repeat(labelWidth - BidiText.displayWidth(field.label()) + 2);
            if (field.value().contains("\n")) {
                out.rawLine(label);
                for (String line : field.value().split("\n", -1)) {
                    out.rawLine(("  " + out.visual(line)).stripTrailing());
                }
            } else {
                out.rawLine((label + pad + out.visual(field.value())).stripTrailing());
            }
        }
    }
}
