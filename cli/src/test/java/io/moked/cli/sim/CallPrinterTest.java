package io.moked.cli.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import io.moked.cli.output.Direction;
import io.moked.cli.output.Output;
import io.moked.cli.output.OutputFormat;
import org.junit.jupiter.api.Test;

/** The live transcript of {@code call simulate}: what was said is its own paragraph, timings after it. */
class CallPrinterTest {
    private static final String REPEAT = "סליחה, לא שמעתי טוב. אפשר לחזור על זה?";
    private static final String BUSY = "כל הסוכנים שלנו משוחחים כרגע. נחזור אליכם ממש בקרוב, תודה שהתקשרתם לבית ביפו.";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CallPrinter printer(OutputFormat format, boolean reorder, int width) {
        return new CallPrinter(new Output(new PrintWriter(out, true), new PrintWriter(err, true), format, reorder,
                false, System::nanoTime, () -> width), Direction.RTL);
    }

    private static void say(CallPrinter printer) {
        printer.transcript(new TranscriptSource.Line("caller", "3 חדרים ב-2,450,000 ₪", -1, false));
        printer.transcript(new TranscriptSource.Line("agent", REPEAT, 812, false));
        printer.transcript(new TranscriptSource.Line("caller", "2,450,000?", -1, false));
        printer.transcript(new TranscriptSource.Line("agent", BUSY, 1200, true));
    }

    @Test
    void aTerminalWithoutBidiShowsEachTurnAsAHebrewParagraph() {
        say(printer(OutputFormat.TABLE, true, 80));
        String under = " ".repeat(15);
        assertEquals(List.of(
                "  said         ₪ 2,450,000-ב םירדח 3",
                "  agent said   ?הז לע רוזחל רשפא .בוט יתעמש אל ,החילס  [812 ms]",
                "  said         ?2,450,000",
                "  agent said   רוזחנ .עגרכ םיחחושמ ונלש םינכוסה לכ",
                under + "תיבל םתרשקתהש הדות ,בורקב שממ םכילא",
                under + " ".repeat(30) + ".ופיב  [1200 ms]  (interrupted)"), out.toString().lines().toList());
    }

    @Test
    void logicalOrderForPipesAndTheHumanCopyOnStderrInJsonMode() {
        say(printer(OutputFormat.TABLE, false, 0));
        List<String> expected = List.of(
                "  said         3 חדרים ב-2,450,000 ₪",
                "  agent said   " + REPEAT + "  [812 ms]",
                "  said         2,450,000?",
                "  agent said   " + BUSY + "  [1200 ms]  (interrupted)");
        assertEquals(expected, out.toString().lines().toList());
        out.getBuffer().setLength(0);
        say(printer(OutputFormat.JSON, false, 0));
        assertEquals("", out.toString(), "stdout is kept for the JSON document");
        assertEquals(expected, err.toString().lines().toList());
    }
}
