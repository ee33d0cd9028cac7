package io.moked.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.moked.cli.output.BidiLayoutTest.BUSY;
import static io.moked.cli.output.BidiLayoutTest.PRICE;

class TableTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Output output(OutputFormat format, boolean reorder) {
        return new Output(new PrintWriter(out, true), new PrintWriter(err, true), format, reorder, false,
                System::nanoTime);
    }

    private Output output(boolean reorder, int terminalWidth) {
        return new Output(new PrintWriter(out, true), new PrintWriter(err, true), OutputFormat.TABLE, reorder, false,
                System::nanoTime, () -> terminalWidth);
    }

    @Test
    void columnsAlignByDisplayWidthWithHebrewStartingAtTheRightEdgeOfTheirColumn() {
        Table.of("SLUG", "NAME", "CALLS")
                .row("tel-aviv-homes", "נדל״ן תל אביב", 12)
                .row("haifa", "בית", 3)
                .row("jaffa", "Jaffa Homes", 1)
                .rightAlign(2)
                .render(output(OutputFormat.TABLE, true));
        List<String> lines = out.toString().lines().toList();
        assertEquals(List.of(
                "SLUG            NAME           CALLS",
                "tel-aviv-homes  ביבא לת ן״לדנ     12",
                "haifa                     תיב      3",
                "jaffa           Jaffa Homes        1"), lines);
    }

    @Test
    void aWrappingColumnFitsTheTerminalAndEachLineIsPartOfTheRightToLeftParagraph() {
        Table.of("TIME", "WHO", "TEXT")
                .row("00:03", "agent", Text.of(BUSY, Direction.RTL))
                .row("00:09", "caller", Text.of(PRICE, Direction.RTL))
                .row("00:12", "agent", Text.of("?", Direction.RTL))
                .wrap(2)
                .render(output(true, 40));
        String under = " ".repeat(15);
        assertEquals(List.of(
                "TIME   WHO     TEXT",
                "00:03  agent     םיחחושמ ונלש םינכוסה לכ",
                under + "    שממ םכילא רוזחנ .עגרכ",
                under + "תיבל םתרשקתהש הדות ,בורקב",
                under + " ".repeat(20) + ".ופיב",
                "00:09  caller      ₪ 2,450,000-ב םירדח 3",
                "00:12  agent   " + " ".repeat(24) + "?"), out.toString().lines().toList());
    }

    @Test
    void withoutATerminalNothingWrapsAndTextStaysInLogicalOrder() {
        Table.of("TIME", "WHO", "TEXT")
                .row("00:03", "agent", Text.of(BUSY, Direction.RTL))
                .row("00:09", "caller", Text.of(PRICE, Direction.RTL))
                .wrap(2)
                .render(output(false, 0));
        assertEquals(List.of(
                "TIME   WHO     TEXT",
                "00:03  agent   " + BUSY,
                "00:09  caller  " + PRICE), out.toString().lines().toList());
    }

    @Test
    void logicalOrderWhenTheTerminalDoesBidi() {
        Table.of("NAME").row("בית").render(output(OutputFormat.TABLE, false));
        assertEquals("NAME\nבית", out.toString().strip());
    }

    @Test
    void nullCellsShowADashAndEmptyTablesTheirMessage() {
        Table.of("A", "B").row("x", null).render(output(OutputFormat.TABLE, false));
        assertEquals("A  B\nx  -", out.toString().strip());
        out.getBuffer().setLength(0);
        Table.of("A").empty("No tenants.").render(output(OutputFormat.TABLE, false));
        assertEquals("No tenants.", out.toString().strip());
    }

    @Test
    void rowWithWrongCellCountIsRejected() {
        Table table = Table.of("A", "B");
        try {
            table.row("only one");
            throw new AssertionError("expected rejection");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("1 cells"));
        }
    }

    @Test
    void emitPrintsJsonOrTheView() {
        record Tenant(String slug, String name) {
        }
        Tenant tenant = new Tenant("haifa", "בית");
        output(OutputFormat.JSON, true).emit(tenant, Fields.create().add("Slug", tenant.slug()));
        assertEquals("{\n  \"slug\" : \"haifa\",\n  \"name\" : \"בית\"\n}", out.toString().strip());
        out.getBuffer().setLength(0);
        output(OutputFormat.TABLE, false).emit(tenant, Fields.create().add("Slug", tenant.slug())
                .add("Business name", tenant.name()).add("Body", "line 1\nline 2"));
        assertEquals("Slug:           haifa\nBusiness name:  בית\nBody:\n  line 1\n  line 2", out.toString().strip());
    }

    @Test
    void jsonWritesTimesAsIsoStrings() {
        output(OutputFormat.JSON, false).json(Map.of("at", java.time.Instant.parse("2025-01-02T03:04:05Z")));
        assertTrue(out.toString().contains("\"2025-01-02T03:04:05Z\""), out.toString());
    }
}
