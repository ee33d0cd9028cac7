package io.moked.crm.lead;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The duplicate policies, value by value. */
class LeadMergeTest {
    private static final LeadValues STORED = new LeadValues("דנה", null, "contacted",
            fields("areas", "תל אביב, יפו", "budget", "1000000"));
    private static final LeadValues ROW = new LeadValues("Dana K", "dana@example.com", "qualified",
            fields("areas", "יפו; רמת גן", "budget", "2000000", "rooms", "4"));

    @Test
    void aNewPhoneIsCreatedWithTheRowAsItIs() {
        LeadMerge.Decision d = new LeadMerge(DuplicatePolicy.SKIP, Set.of("areas")).apply(null, ROW);
        assertEquals(ImportOutcome.Kind.CREATED, d.kind());
        assertEquals(ROW, d.after());
    }

    @Test
    void skipLeavesTheStoredLead() {
        LeadMerge.Decision d = new LeadMerge(DuplicatePolicy.SKIP, Set.of("areas")).apply(STORED, ROW);
        assertEquals(ImportOutcome.Kind.SKIPPED_EXISTING, d.kind());
        assertEquals(STORED, d.after());
    }

    @Test
    void updateReplacesWithNonEmptyValuesAndKeepsTheRest() {
        LeadMerge.Decision d = new LeadMerge(DuplicatePolicy.UPDATE, Set.of("areas")).apply(STORED,
                new LeadValues(null, "dana@example.com", null, fields("areas", "חיפה")));
        assertEquals(ImportOutcome.Kind.UPDATED, d.kind());
        assertEquals(new LeadValues("דנה", "dana@example.com", "contacted",
                fields("areas", "חיפה", "budget", "1000000")), d.after());
    }

    @Test
    void mergeFillsGapsKeepsStoredValuesAndUnionsLists() {
        LeadMerge.Decision d = new LeadMerge(DuplicatePolicy.MERGE, Set.of("areas")).apply(STORED, ROW);
        assertEquals(ImportOutcome.Kind.UPDATED, d.kind());
        assertEquals(new LeadValues("דנה", "dana@example.com", "contacted",
                fields("areas", "תל אביב, יפו, רמת גן", "budget", "1000000", "rooms", "4")), d.after());
    }

    @Test
    void aRowThatAddsNothingIsUnchanged() {
        for (DuplicatePolicy policy : new DuplicatePolicy[]{DuplicatePolicy.UPDATE, DuplicatePolicy.MERGE}) {
            LeadMerge merge = new LeadMerge(policy, Set.of("areas"));
            assertEquals(ImportOutcome.Kind.UNCHANGED, merge.apply(STORED, STORED).kind(), policy.id());
            assertEquals(ImportOutcome.Kind.UNCHANGED, merge.apply(STORED,
                    new LeadValues(null, null, null, Map.of())).kind(), policy.id());
        }
        assertEquals(ImportOutcome.Kind.UNCHANGED, new LeadMerge(DuplicatePolicy.MERGE, Set.of("areas"))
                .apply(STORED, new LeadValues("Other", null, "won", fields("areas", "יפו"))).kind(),
                "merge: a list item already there, stored name and status kept");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "תל אביב, יפו|תל אביב, יפו",
        " a ;b,, A |a, b",
        "' ,; '|",
    })
    void listsAreNormalised(String raw, String expected) {
        assertEquals(expected, LeadMerge.normalizeList(raw));
    }

    @Test
    void unionKeepsStoredItemsFirstAndIgnoresCase() {
        assertEquals("Tel Aviv, Jaffa, Haifa", LeadMerge.union("Tel Aviv, Jaffa", "jaffa; Haifa"));
        assertNull(LeadMerge.normalizeList(null));
    }

    private static Map<String, String> fields(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
