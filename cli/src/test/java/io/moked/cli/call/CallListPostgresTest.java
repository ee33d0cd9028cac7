package io.moked.cli.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.CliRun;
import io.moked.cli.CliRuntime;
import io.moked.cli.testsupport.TestDatabase;
import io.moked.crm.call.CallOutcome;
import io.moked.crm.call.CallStatus;
import io.moked.crm.tenant.Tenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code call list} on PostgreSQL: keyset pages over calls that share a start time (ties broken by id, none
 * repeated or skipped), filters, and another tenant's calls never listed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallListPostgresTest {
    private TestDatabase database;
    private CliRun cli;

    @BeforeAll
    void start() {
        database = TestDatabase.postgres();
        CliRuntime.Builder builder = CliRuntime.builder().env("USER", "test-admin");
        database.properties().forEach(builder::property);
        cli = new CliRun(builder.build());
        Tenant homes = RecordedCalls.tenant(cli, "pg-homes", "03-555-0300");
        Tenant other = RecordedCalls.tenant(cli, "pg-other", "03-555-0400");
        for (int i = 1; i <= 5; i++) {  // five calls at the same instant, then two later
            RecordedCalls.plainCall(cli, homes, sid("same", i), "+97254555000" + i, RecordedCalls.STARTED,
                    CallStatus.COMPLETED, i == 3 ? CallOutcome.BOOKED : null);
        }
        RecordedCalls.plainCall(cli, homes, sid("late", 1), "+972545550001", RecordedCalls.STARTED.plusSeconds(60),
                CallStatus.BUSY, null);
        RecordedCalls.plainCall(cli, homes, sid("late", 2), "+972545550009", RecordedCalls.STARTED.plusSeconds(120),
                CallStatus.COMPLETED, null);
        RecordedCalls.plainCall(cli, other, sid("other", 1), "+972545550001", RecordedCalls.STARTED,
                CallStatus.COMPLETED, CallOutcome.BOOKED);
    }

    @AfterAll
    void stop() {
        cli.close();
        database.close();
    }

    @Test
    void pagesThroughTiesWithoutRepeatsOrGaps() {
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            List<String> args = new ArrayList<>(List.of("call", "list", "--tenant", "pg-homes", "--limit", "2", "-o",
                    "json"));
            if (after != null) {
                args.addAll(List.of("--after", after));
            }
            JsonNode page = cli.ok(args.toArray(String[]::new)).json();
            page.get("calls").forEach(c -> seen.add(c.get("callSid").asText()));
            after = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (after != null);
        assertEquals(List.of(sid("late", 2), sid("late", 1), sid("same", 5), sid("same", 4), sid("same", 3),
                sid("same", 2), sid("same", 1)), seen, "newest first, ties by id descending");
        assertEquals(4, pages);
    }

    @Test
    void filtersStayWithinTheTenant() {
        assertEquals(List.of(sid("same", 3)), sids("--outcome", "booked"));
        assertEquals(List.of(sid("late", 1)), sids("--status", "busy"));
        assertEquals(List.of(sid("late", 1), sid("same", 1)), sids("--lead", "054-555-0001"));
        assertEquals(List.of(sid("late", 2), sid("late", 1)), sids("--since", "2026-03-02T08:15:30Z"));
        assertTrue(cli.ok("call", "list", "--tenant", "pg-other", "-o", "json").out().contains(sid("other", 1)));
    }

    private List<String> sids(String... filter) {
        List<String> args = new ArrayList<>(List.of("call", "list", "--tenant", "pg-homes", "-o", "json"));
        args.addAll(List.of(filter));
        List<String> found = new ArrayList<>();
        cli.ok(args.toArray(String[]::new)).json().get("calls").forEach(c -> found.add(c.get("callSid").asText()));
        return found;
    }

    private static String sid(String kind, int n) {
        String base = "CA" + kind + n;
        return base + "0".repeat(34 - base.length());
    }
}
