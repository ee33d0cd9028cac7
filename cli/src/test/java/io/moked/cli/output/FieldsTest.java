package io.moked.cli.output;

import static io.moked.cli.output.BidiLayoutTest.BUSY;
import static io.moked.cli.output.BidiLayoutTest.PRICE;
import static io.moked.cli.output.BidiLayoutTest.REPEAT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Label/value views: the label stays left to right, the value is its own paragraph in the rest of the line. */
class FieldsTest {
    private final StringWriter out = new StringWriter();

    private Output output(boolean reorder, int terminalWidth) {
        return new Output(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), OutputFormat.TABLE,
                reorder, false, System::nanoTime, () -> terminalWidth);
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    private static Fields tenantLike() {
        Map<String, String> messages = new LinkedHashMap<>();
        messages.put("busy", BUSY);
        messages.put("price", PRICE);
        messages.put("short", "?");
        return Fields.create()
                .add("Slug", "yafo-homes")
                .add("Business name", Text.of("בית ביפו נדל\"ן", Direction.RTL))
                .add("Greeting", Text.of(REPEAT, Direction.RTL))
                .add("Messages", Text.values(messages, Direction.RTL));
    }

    @Test
    void aMixedLineKeepsTheLabelLeftAndTheHebrewValueRightToLeftWrappedUnderItself() {
        tenantLike().render(output(true, 50));
        assertEquals(List.of(
                "Slug:           yafo-homes",
                "Business name:  ן\"לדנ ופיב תיב",
                "Greeting:       לע רוזחל רשפא .בוט יתעמש אל ,החילס",
                "                " + " ".repeat(31) + "?הז",
                "Messages:",
                "  busy:   רוזחנ .עגרכ םיחחושמ ונלש םינכוסה לכ",
                "          תיבל םתרשקתהש הדות ,בורקב שממ םכילא",
                "          " + " ".repeat(30) + ".ופיב",
                "  price:  ₪ 2,450,000-ב םירדח 3",
                "  short:  ?"), lines());
        lines().forEach(line -> assertEquals(true, BidiText.displayWidth(line) <= 50, line));
    }

    @Test
    void logicalOrderAndNoWrappingForPipes() {
        tenantLike().render(output(false, 0));
        assertEquals(List.of(
                "Slug:           yafo-homes",
                "Business name:  בית ביפו נדל\"ן",
                "Greeting:       " + REPEAT,
                "Messages:",
                "  busy:   " + BUSY,
                "  price:  " + PRICE,
                "  short:  ?"), lines());
    }

    @Test
    void multiLineValuesAreIndentedUnderTheirLabelOneParagraphPerLine() {
        Fields.create().add("Version", 3).add("Body", Text.of("# תפקיד\nאת נועה, נציגת המשרד.\n- be brief", Direction.RTL))
                .render(output(true, 0));
        assertEquals(List.of(
                "Version:  3",
                "Body:",
                "  " + " ".repeat(14) + "דיקפת #",
                "  .דרשמה תגיצנ ,העונ תא",
                "  - be brief"), lines());
    }

    @Test
    void labelledLinesCarryATrailerAfterTheValue() {
        Output output = output(true, 50);
        output.labelled("  agent said", 15, Text.of(REPEAT, Direction.RTL), "[812 ms]");
        output.labelled("  caller said", 15, Text.of("כן", Direction.RTL), null);
        output.labelled("  a label wider than its column", 15, "ok", null);
        assertEquals(List.of(
                "  agent said   רשפא .בוט יתעמש אל ,החילס",
                "               " + " ".repeat(13) + "?הז לע רוזחל  [812 ms]",
                "  caller said  ןכ",
                "  a label wider than its column ok"), lines());
    }
}
