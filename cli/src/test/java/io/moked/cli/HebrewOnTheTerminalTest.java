package io.moked.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.output.BidiText;
import io.moked.cli.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hebrew in the terminal, end to end in-process: {@code tenant show/list} and {@code prompt show/diff} for a Hebrew
 * tenant (tenant-bidi.yaml) on a 72-column terminal without bidi (visual order, wrapped), with {@code --bidi none}
 * (logical order, wrapped), as JSON and through a pipe (logical order, as stored), and inside {@code agentctl shell}
 * (the same rendering as the command).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HebrewOnTheTerminalTest {
    private static final String SLUG = "yafo-bidi";
    private static final String BUSY = "כל הסוכנים שלנו משוחחים כרגע. נחזור אליכם ממש בקרוב, תודה שהתקשרתם לבית ביפו.";
    private static final String GREETING = "שלום, הגעתם ל{{business_name}}, מדברת {{assistant_name}}. במה אפשר לעזור?";
    /** Where the values of the "Messages" sub-fields start: 2 + the longest key (30) + 3. */
    private static final String UNDER_MESSAGE = " ".repeat(35);

    private TestDatabase database;
    private CliRun terminal;

    @TempDir
    Path tmp;

    @BeforeAll
    void start() throws Exception {
        database = TestDatabase.sqlite();
        CliRuntime.Builder builder = CliRuntime.builder().env("USER", "test-admin").env("TERM", "xterm-256color")
                .terminal(true, false).terminalWidth(() -> 72);
        database.properties().forEach(builder::property);
        terminal = new CliRun(builder.build());
        terminal.ok("tenant", "create", "--from", Path.of(getClass().getClassLoader()
                .getResource("tenant-bidi.yaml").toURI()).toString(), "-o", "json");
    }

    @AfterAll
    void stop() {
        terminal.close();
        database.close();
    }

    @Test
    void showOnATerminalWithoutBidiReadsAsHebrewSentences() {
        List<String> lines = terminal.ok("tenant", "show", "--tenant", SLUG).out().lines().toList();
        assertStartsWith(List.of(
                "Slug:                  yafo-bidi",
                "Business name:         ן\"לדנ ופיב תיב",
                "Assistant name:        העונ",
                "Locale:                he-IL",
                "Time zone:             Asia/Jerusalem",
                "Greeting:              תרבדמ ,{{business_name}}ל םתעגה ,םולש",
                "                         ?רוזעל רשפא המב .{{assistant_name}}",
                "Business hours:",
                "  sunday:     09:00-19:00",
                "  monday:     closed",
                "  tuesday:    closed",
                "  wednesday:  closed",
                "  thursday:   closed",
                "  friday:     09:00-13:00",
                "  saturday:   closed",
                "Meeting minutes:       45",
                "Transfer number:       +97235550199",
                "Recording:             on, kept 2 days",
                "Max concurrent calls:  3",
                "End-of-turn silence:   engine default",
                "Voice:                 he_IL-noa-medium",
                "Phone numbers:         +97235550100",
                "Twilio:                not configured (agentctl tenant set-twilio",
                "                       --tenant yafo-bidi ...)",
                "Keypad (DTMF):",
                "  0:  transfer",
                "Messages:"), lines);
        assertContainsInOrder(List.of(
                "  busy:                            רוזחנ .עגרכ םיחחושמ ונלש םינכוסה לכ",
                UNDER_MESSAGE + "תיבל םתרשקתהש הדות ,בורקב שממ םכילא",
                UNDER_MESSAGE + " ".repeat(30) + ".ופיב"), lines);
        assertContainsInOrder(List.of(
                "  apology:                         לע רוזחל רשפא .בוט יתעמש אל ,החילס",
                UNDER_MESSAGE + " ".repeat(31) + "?הז"), lines);
        assertContainsInOrder(List.of(
                "  price:                           ₪ 2,450,000-ב םירדח 3",
                "  english:                         .תספרמ םע Tel Aviv-ב הריד ונל שי",
                "  price-without-words-in-shekels:  ₪ 2,450,000"), lines);
        assertTrue(lines.get(lines.size() - 2).matches("Created: {15}\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d"), lines.toString());
        lines.forEach(line -> assertTrue(BidiText.displayWidth(line) <= 72, line));
    }

    @Test
    void bidiNoneKeepsLogicalOrderForATerminalThatDoesBidiItself() {
        List<String> lines = terminal.ok("tenant", "show", "--tenant", SLUG, "--bidi", "none").out().lines().toList();
        assertContainsInOrder(List.of(
                "Business name:         בית ביפו נדל\"ן",
                "Assistant name:        נועה"), lines);
        assertContainsInOrder(List.of(
                "Greeting:              שלום, הגעתם ל{{business_name}}, מדברת",
                "                       {{assistant_name}}. במה אפשר לעזור?"), lines);
        assertContainsInOrder(List.of(
                "  busy:                            כל הסוכנים שלנו משוחחים כרגע. נחזור",
                UNDER_MESSAGE + "אליכם ממש בקרוב, תודה שהתקשרתם לבית",
                UNDER_MESSAGE + "ביפו."), lines);
        assertContainsInOrder(List.of(
                "  price:                           3 חדרים ב-2,450,000 ₪",
                "  english:                         יש לנו דירה ב-Tel Aviv עם מרפסת.",
                "  price-without-words-in-shekels:  2,450,000 ₪"), lines);
    }

    @Test
    void listPutsHebrewNamesAtTheRightEdgeOfTheirColumns() {
        List<String> lines = terminal.ok("tenant", "list").out().lines().toList();
        assertEquals("SLUG       BUSINESS        ASSISTANT  NUMBERS       TWILIO  CREATED", lines.get(0));
        assertTrue(lines.get(1).startsWith("yafo-bidi  ן\"לדנ ופיב תיב       העונ  +97235550100  no      "),
                lines.toString());
    }

    @Test
    void jsonStaysInLogicalOrderEvenWhenTheTerminalGetsVisualOrder() {
        JsonNode shown = terminal.ok("tenant", "show", "--tenant", SLUG, "-o", "json", "--bidi", "reorder").json();
        assertEquals(BUSY, shown.get("messages").get("busy").asText());
        assertEquals(GREETING, shown.get("greetingTemplate").asText());
        assertEquals("בית ביפו נדל\"ן", shown.get("businessName").asText());
    }

    @Test
    void pipedOutputIsLogicalAndTheShellRendersLikeTheCommand() {
        String shellInput = "tenant show --tenant " + SLUG + " --bidi reorder\nexit\n";
        CliRuntime.Builder builder = CliRuntime.builder().env("USER", "test-admin")
                .stdin(new ByteArrayInputStream(shellInput.getBytes(StandardCharsets.UTF_8)));
        database.properties().forEach(builder::property);
        try (CliRun piped = new CliRun(builder.build())) {
            List<String> lines = piped.ok("tenant", "show", "--tenant", SLUG).out().lines().toList();
            assertTrue(lines.contains("Greeting:              " + GREETING), lines.toString());
            assertTrue(lines.contains("  busy:                            " + BUSY), lines.toString());

            String reordered = piped.ok("tenant", "show", "--tenant", SLUG, "--bidi", "reorder").out();
            assertTrue(reordered.contains("  busy:                            .ופיב תיבל םתרשקתהש הדות ,בורקב שממ "
                    + "םכילא רוזחנ .עגרכ םיחחושמ ונלש םינכוסה לכ\n"), reordered);
            String shell = piped.ok("shell").out();
            assertTrue(shell.contains(reordered), "shell printed:\n" + shell + "\ncommand printed:\n" + reordered);
        }
    }

    @Test
    void promptShowAndDiffKeepTheMarkerAndLabelLeftAndTheHebrewLinesRightToLeft() throws Exception {
        Path v1 = Files.writeString(tmp.resolve("v1.md"), "# תפקיד\nאת {{assistant_name}}, נציגת {{business_name}}.\n"
                + "- ענו בקצרה (משפט או שניים).\n");
        Path v2 = Files.writeString(tmp.resolve("v2.md"), "# תפקיד\nאת {{assistant_name}}, נציגת {{business_name}}.\n"
                + "- אפשר לשאול: כמה חדרים? ובאיזה מחיר?\n");
        terminal.ok("prompt", "push", "--tenant", SLUG, "--file", v1.toString(), "--note", "גרסה ראשונה");
        terminal.ok("prompt", "push", "--tenant", SLUG, "--file", v2.toString());
        List<String> shown = terminal.ok("prompt", "show", "--tenant", SLUG, "--version", "1").out().lines().toList();
        assertContainsInOrder(List.of(
                "Note:     הנושאר הסרג",
                "Body:",
                "  " + " ".repeat(40) + "דיקפת #",
                "  .{{business_name}} תגיצנ ,{{assistant_name}} תא",
                "  " + " ".repeat(19) + ".(םיינש וא טפשמ) הרצקב ונע -"), shown);
        List<String> listed = terminal.ok("prompt", "list", "--tenant", SLUG).out().lines().toList();
        assertEquals("VERSION  ACTIVE  AUTHOR      CREATED           CHARS  NOTE", listed.get(0));
        assertTrue(listed.get(1).endsWith("     85  הנושאר הסרג"), listed.toString());
        assertTrue(listed.get(2).endsWith("     94  -"), listed.toString());
        List<String> diff = terminal.ok("prompt", "diff", "--tenant", SLUG, "1", "2").out().lines().toList();
        assertEquals(List.of(
                "--- voice v1",
                "+++ voice v2",
                "@@ -1,4 +1,4 @@",
                " דיקפת #",
                " .{{business_name}} תגיצנ ,{{assistant_name}} תא",
                "-.(םיינש וא טפשמ) הרצקב ונע -",
                "+?ריחמ הזיאבו ?םירדח המכ :לואשל רשפא -",
                ""), diff); // the body's final empty line, unchanged
        String logicalDiff = terminal.ok("prompt", "diff", "--tenant", SLUG, "1", "2", "--bidi", "none").out();
        assertTrue(logicalDiff.contains("\n+- אפשר לשאול: כמה חדרים? ובאיזה מחיר?\n"), logicalDiff);
    }

    private static void assertStartsWith(List<String> expected, List<String> actual) {
        assertEquals(expected, actual.subList(0, Math.min(expected.size(), actual.size())),
                () -> String.join("\n", actual));
    }

    private static void assertContainsInOrder(List<String> expected, List<String> actual) {
        assertTrue(Collections.indexOfSubList(actual, expected) >= 0,
                () -> "missing\n" + String.join("\n", expected) + "\nin\n" + String.join("\n", actual));
    }
}
