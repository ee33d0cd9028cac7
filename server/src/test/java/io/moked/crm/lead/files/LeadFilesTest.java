package io.moked.crm.lead.files;

import io.moked.error.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file-level pieces of import: header map, CSV records and their lines, encodings, the phone index. */
class LeadFilesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "טלפון|phone",
        "  נייד |phone",
        "Mobile Phone|phone",
        "דוא\"ל|email",
        "דוא״ל|email",
        "דואל|email",
        "E-Mail|email",
        "\u200fשם מלא|name",
        "\uFEFFשם|name",
        "שם פרטי|first-name",
        "last_name|last-name",
        "עיר/אזור|areas",
        "עיר / אזור|areas",
        "תקציב|budget",
        "הערות|notes",
        "סטטוס|status",
        "property_type|property_type",
        "fields.parking|parking",
    })
    void builtInHeaders(String header, String target) {
        assertEquals(target, HeaderMap.builtIn().target(header).orElseThrow().toString());
    }

    @Test
    void mapOverridesAndUnknownHeaders() {
        HeaderMap map = HeaderMap.builtIn().with(Map.of("קומה", "floor", "שם", "ignore"));
        assertEquals("floor", map.target("קומה").orElseThrow().toString());
        assertEquals(ColumnTarget.IGNORE, map.target("שם").orElseThrow());
        assertTrue(map.target("כתובת").isEmpty());
        assertThrows(ValidationException.class, () -> HeaderMap.builtIn().with(Map.of("x", "Not A Key")));
        assertEquals("budget", HeaderMap.builtIn().exportHeader("budget"));
        assertEquals("fields.parking", HeaderMap.builtIn().exportHeader("parking"));
        assertEquals(List.of("areas"), List.copyOf(HeaderMap.builtIn().listFields()));
    }

    @Test
    void csvRecordsKeepTheirPhysicalLineAndOriginalText() throws IOException {
        String csv = "\r\nname,phone\r\nא,\"05\n2\"\r\n\r\n\r\nb,\"x \"\"q\"\" y\"\nc;d,3\rlast,4";
        List<SourceRecord> records = new ArrayList<>();
        try (CsvRecordSource source = new CsvRecordSource(new StringReader(csv))) {
            assertEquals(List.of("name", "phone"), source.header());
            for (SourceRecord r = source.next(); r != null; r = source.next()) {
                records.add(r);
            }
        }
        assertEquals(List.of(3L, 7L, 8L, 9L), records.stream().map(SourceRecord::line).toList());
        assertEquals("א,\"05\n2\"", records.get(0).original());
        assertEquals(List.of("א", "05\n2"), records.get(0).values());
        assertEquals(List.of("b", "x \"q\" y"), records.get(1).values());
        assertEquals("last,4", records.get(3).original());
    }

    @Test
    void semicolonAndTabSeparatedFilesAreRecognised() throws IOException {
        try (CsvRecordSource source = new CsvRecordSource(new StringReader("name;phone\nא;1,5\n"))) {
            assertEquals(List.of("name", "phone"), source.header());
            assertEquals(List.of("א", "1,5"), source.next().values());
        }
        try (CsvRecordSource source = new CsvRecordSource(new StringReader("name\tphone\nא\t2\n"))) {
            assertEquals(List.of("א", "2"), source.next().values());
        }
    }

    @Test
    void anUnclosedQuoteIsReportedInsteadOfReadingTheWholeFile() throws IOException {
        String csv = "name,phone\r\nok,1\r\n\"open,1\r\n"
                + "x,1\r\n".repeat(CsvRecordSource.MAX_RECORD_CHARS / 5 + 10);
        try (RecordSource source = new CsvRecordSource(new StringReader(csv))) {
            ValidationException e = assertThrows(ValidationException.class, () -> {
                while (source.next() != null) {
                    // read until the runaway record
                }
            });
            assertTrue(e.getMessage().contains("the record after line 2 is longer than"), e.getMessage());
        }
    }

    @Test
    void encodingsAreDetected() throws IOException {
        String text = "שם,טלפון\nדנה,0525551234\n";
        assertEquals(StandardCharsets.UTF_8, TextEncoding.detect(write("a.csv", text.getBytes(StandardCharsets.UTF_8))));
        assertEquals(StandardCharsets.UTF_8, TextEncoding.detect(write("b.csv",
                ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8))));
        assertEquals(TextEncoding.WINDOWS_1255, TextEncoding.detect(write("c.csv",
                text.getBytes(TextEncoding.WINDOWS_1255))));
        assertEquals(StandardCharsets.UTF_8, TextEncoding.detect(write("d.csv",
                "name,phone\n".getBytes(StandardCharsets.US_ASCII))));
        // a multi-byte character split across the detector's 64 KB chunks is still UTF-8
        byte[] big = ("x".repeat(64 * 1024 - 1) + "ש").getBytes(StandardCharsets.UTF_8);
        assertEquals(StandardCharsets.UTF_8, TextEncoding.detect(write("e.csv", big)));
        assertEquals(TextEncoding.WINDOWS_1255, TextEncoding.named("cp1255"));
        assertThrows(ValidationException.class, () -> TextEncoding.named("klingon"));
    }

    @Test
    void phoneIndexKeepsFirstAndLastLineOfManyNumbers() {
        PhoneIndex index = new PhoneIndex();
        for (int i = 0; i < 50_000; i++) {
            index.add("+97250" + (1_000_000 + i), i + 2);
        }
        index.add("+972501000007", 60_000);
        assertEquals(50_000, index.size());
        assertEquals(9, index.first("+972501000007"));
        assertEquals(60_000, index.last("+972501000007"));
        assertEquals(2, index.last("+972501000000"));
        assertEquals(0, index.first("+972509999999"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "=1+1|'=1+1",
        "+972 50|'+972 50",
        "-5|'-5",
        "@SUM(A1)|'@SUM(A1)",
        "דנה|דנה",
        "'quoted|'quoted",
    })
    void formulaCellsRoundTrip(String value, String escaped) {
        assertEquals(escaped, SpreadsheetCells.escape(value));
        assertEquals(value, SpreadsheetCells.unescape(escaped));
    }

    @Test
    void defaultRejectsFileSitsBesideTheInput() {
        assertEquals(dir.resolve("leads.rejects.csv"), LeadImporter.defaultRejects(dir.resolve("leads.csv"),
                LeadFileFormat.CSV));
        assertEquals(dir.resolve("x.rejects.jsonl"), LeadImporter.defaultRejects(dir.resolve("x.json"),
                LeadFileFormat.JSON));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
