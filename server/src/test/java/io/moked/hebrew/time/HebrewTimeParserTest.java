package io.moked.hebrew.time;

import io.moked.crm.tenant.BusinessHours;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table in time-cases.psv: fixed "now"s around midnight, month ends, Friday/Saturday and DST changes. */
class HebrewTimeParserTest {
    static final ZoneId JERUSALEM = ZoneId.of("Asia/Jerusalem");
    static final DayParts PARTS = new DayParts("08:00-12:00", "12:00-14:00", "13:00-18:00", "18:00-21:00",
            "21:00-23:59");
    static final BusinessHours DEFAULT_HOURS = hours("09:00-18:00", "09:00-18:00", "09:00-18:00", "09:00-18:00",
            "09:00-18:00", "09:00-13:00", "closed");

    private final HebrewTimeParser parser = new HebrewTimeParser(PARTS);

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(HebrewTimeParserTest.class
                .getResourceAsStream("time-cases.psv"), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\\|");
                out.add(Arguments.of(n, cols[0].strip(), cols[1].strip(), cols[2].strip()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "line {0}: {2} at {1} -> {3}")
    @MethodSource("cases")
    void table(int line, String now, String text, String expected) {
        ZonedDateTime at = LocalDateTime.parse(now).atZone(JERUSALEM);
        assertEquals(expected, describe(parser.parse(text, at, DEFAULT_HOURS)), "line " + line + ": " + text);
    }

    @ParameterizedTest(name = "{1} with open hours {0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // an evening office: eight is 20:00 because 08:00 is closed and 20:00 open
            "12:00-21:00 | בשמונה | instant 2025-03-04T20:00",
            // both 07:00 and 19:00 open: the office day (07:00-18:59) decides
            "07:00-20:00 | בשבע | instant 2025-03-04T07:00",
            // a night shop: one is 13:00 only when 01:00 is closed
            "00:00-02:00 | באחת | instant 2025-03-04T01:00",
            "10:00-14:00 | מחר בין אחת עשרה לאחת | range 2025-03-04T11:00 2025-03-04T13:00",
    })
    void bareHoursFollowTheBusinessHours(String open, String text, String expected) {
        BusinessHours hours = hours(open, open, open, open, open, open, open);
        ZonedDateTime now = LocalDateTime.parse("2025-03-03T21:30").atZone(JERUSALEM);
        assertEquals(expected, describe(parser.parse(text, now, hours)));
    }

    @ParameterizedTest
    @CsvSource({"UTC", "America/New_York"})
    void answersAreInTheZoneOfNow(String zone) {
        ZonedDateTime now = LocalDateTime.parse("2025-03-03T10:00").atZone(ZoneId.of(zone));
        ParsedTime t = parser.parse("מחר בעשר", now, DEFAULT_HOURS).orElseThrow();
        assertEquals(ZoneId.of(zone), t.start().getZone());
        assertEquals("2025-03-04T10:00", t.startText());
    }

    @org.junit.jupiter.api.Test
    void blankNullAndOverlongAreNotUnderstood() {
        ZonedDateTime now = LocalDateTime.parse("2025-03-03T10:00").atZone(JERUSALEM);
        assertTrue(parser.parse("  ", now, DEFAULT_HOURS).isEmpty());
        assertTrue(parser.parse(null, now, DEFAULT_HOURS).isEmpty());
        assertTrue(parser.parse("מחר ".repeat(100), now, DEFAULT_HOURS).isEmpty(), "overlong text");
    }

    static String describe(Optional<ParsedTime> parsed) {
        if (parsed.isEmpty()) {
            return "none";
        }
        ParsedTime t = parsed.get();
        return switch (t.kind()) {
            case INSTANT -> "instant " + t.startText();
            case DATE -> "date " + t.startText();
            case RANGE -> "range " + t.startText() + " " + t.endText();
        };
    }

    static BusinessHours hours(String sun, String mon, String tue, String wed, String thu, String fri, String sat) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sunday", sun);
        m.put("monday", mon);
        m.put("tuesday", tue);
        m.put("wednesday", wed);
        m.put("thursday", thu);
        m.put("friday", fri);
        m.put("saturday", sat);
        return BusinessHours.parse(m);
    }
}
