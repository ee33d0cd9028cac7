package io.moked.crm.lead;

import io.moked.crm.tenant.FieldPoints;
import io.moked.crm.tenant.ScoringRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The product specification's default rules, as a table: facts (k=v;k=v) -> score and tier. */
class LeadScorerTest {
    /** The defaults of application.yml (PersonaDefaultsTest checks they are these). */
    static final ScoringRules DEFAULTS = new ScoringRules(true, List.of(
            new FieldPoints("timeline", "asap", 30), new FieldPoints("timeline", "1-3m", 25),
            new FieldPoints("timeline", "3-6m", 15), new FieldPoints("timeline", "6m+", 5),
            new FieldPoints("pre_approved", "yes", 25), new FieldPoints("pre_approved", "in_process", 15),
            new FieldPoints("pre_approved", "no", 5), new FieldPoints("has_agent", "no", 20),
            new FieldPoints("has_agent", "not_sure", 10)), 15, 5, 10, 5, 3, 5, 80, 50);

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "                                               | 0   | COLD",
            "timeline=asap                                  | 30  | COLD",
            "timeline=1-3m                                  | 25  | COLD",
            "timeline=3-6m                                  | 15  | COLD",
            "timeline=6m+                                   | 5   | COLD",
            "timeline=browsing                              | 0   | COLD",
            "timeline= ASAP                                 | 30  | COLD",
            "pre_approved=yes                               | 25  | COLD",
            "pre_approved=in_process                        | 15  | COLD",
            "pre_approved=no                                | 5   | COLD",
            "has_agent=no                                   | 20  | COLD",
            "has_agent=not_sure                             | 10  | COLD",
            "has_agent=yes                                  | 0   | COLD",
            "budget=2500000                                 | 15  | COLD",
            "budget=2,500,000                               | 15  | COLD",
            "budget=בסביבות שני מיליון                      | 5   | COLD",
            "meeting_booked=2025-03-04T10:00                | 10  | COLD",
            "questions_asked=3                              | 5   | COLD",
            "questions_asked=2                              | 0   | COLD",
            "questions_asked=many                           | 0   | COLD",
            "callback_requested=2025-03-03T20:00            | 5   | COLD",
            "timeline=asap;has_agent=no                     | 50  | WARM",
            "timeline=1-3m;pre_approved=in_process          | 40  | COLD",
            "timeline=asap;pre_approved=yes;has_agent=no;budget=2000000  | 90  | HOT",
            "timeline=asap;pre_approved=yes;has_agent=not_sure;budget=2000000 | 80 | HOT",
            "timeline=asap;pre_approved=yes;budget=2000000;meeting_booked=x | 80 | HOT",
            "timeline=3-6m;pre_approved=no;has_agent=not_sure;budget=x;meeting_booked=x | 45 | COLD",
            "timeline=3-6m;pre_approved=in_process;has_agent=not_sure;budget=x;meeting_booked=x | 55 | WARM",
            "timeline=asap;pre_approved=yes;has_agent=no;budget=1;meeting_booked=x;questions_asked=5;callback_requested=x | 100 | HOT",
            "timeline=asap;pre_approved=yes;has_agent=no;budget=1;meeting_booked=x;questions_asked=9 | 100 | HOT",
            "timeline=asap;pre_approved=yes;has_agent=no;budget=1;meeting_booked=x;callback_requested= | 100 | HOT",
            "timeline=1-3m;pre_approved=yes                 | 50  | WARM",
            "timeline=1-3m;pre_approved=yes;notes=חשוב      | 50  | WARM",
    })
    void defaultRules(String facts, int score, Tier tier) {
        assertEquals(new LeadScore(score, tier), LeadScorer.score(facts(facts), DEFAULTS));
    }

    @ParameterizedTest(name = "custom rules: {0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "intent=buy                  | 40 | WARM",
            "intent=rent                 | 10 | COLD",
            "intent=buy;timeline=asap    | 70 | HOT",
            "timeline=asap               | 30 | WARM",
    })
    void aTenantsOwnRulesAndThresholds(String facts, int score, Tier tier) {
        ScoringRules own = new ScoringRules(null, List.of(new FieldPoints("intent", "buy", 40),
                new FieldPoints("intent", "rent", 10)), null, null, null, null, null, null, 70, 30).over(DEFAULTS);
        assertEquals(new LeadScore(score, tier), LeadScorer.score(facts(facts), own));
    }

    static Map<String, String> facts(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return m;
        }
        for (String pair : text.split(";")) {
            int eq = pair.indexOf('=');
            m.put(pair.substring(0, eq).strip(), pair.substring(eq + 1));
        }
        return m;
    }
}
