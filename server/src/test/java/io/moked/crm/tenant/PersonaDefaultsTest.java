package io.moked.crm.tenant;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The persona and scoring defaults of application.yml arrive intact: list items, keys such as "1-3m", "6m+",
 * "pre_approved" and quoted "yes"/"no" are not rewritten on the way through Micronaut's configuration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonaDefaultsTest {
    private ApplicationContext context;
    private TenantMapper mapper;

    @BeforeAll
    void start() {
        context = ApplicationContext.builder().properties(Map.of("moked.db.migrate-on-start", "false")).start();
        mapper = new TenantMapper(context.getBean(io.moked.crm.JsonColumns.class),
                context.getBean(TenantDefaults.class));
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @Test
    void personaDefaults() {
        Persona p = mapper.defaultPersona();
        assertEquals(List.of("intent", "areas", "rooms", "budget", "timeline", "pre_approved", "has_agent"),
                p.qualificationQuestions().stream().map(QualificationQuestion::key).toList());
        QualificationQuestion timeline = p.qualificationQuestions().get(4);
        assertEquals(List.of("asap", "1-3m", "3-6m", "6m+", "browsing"), timeline.options());
        assertTrue(timeline.isRequired());
        assertEquals(List.of("yes", "no", "in_process"), p.qualificationQuestions().get(5).options());
        assertTrue(p.escalationPhrases().containsAll(List.of("נציג", "בן אדם", "תעביר אותי", "speak to a human")));
        assertEquals(0.5, p.sttMinConfidence());
        assertEquals(List.of("reask-first", "reask-second"), p.reaskMessages());
        assertTrue(p.returningGreetingTemplate().contains("{{lead_name}}"));
        assertEquals("recording-disclosure", p.recordingDisclosureMessage());
        assertEquals("callback", p.callbackMessage());
    }

    @Test
    void scoringDefaultsAreTheProductSpecification() {
        ScoringRules s = mapper.defaultScoring();
        assertTrue(s.isEnabled());
        assertEquals(List.of(new FieldPoints("timeline", "asap", 30), new FieldPoints("timeline", "1-3m", 25),
                new FieldPoints("timeline", "3-6m", 15), new FieldPoints("timeline", "6m+", 5),
                new FieldPoints("pre_approved", "yes", 25), new FieldPoints("pre_approved", "in_process", 15),
                new FieldPoints("pre_approved", "no", 5), new FieldPoints("has_agent", "no", 20),
                new FieldPoints("has_agent", "not_sure", 10)), s.points());
        assertEquals(List.of(15, 5, 10, 5, 3, 5, 80, 50), List.of(s.budgetDefined(), s.budgetVague(),
                s.meetingBooked(), s.severalQuestions(), s.severalQuestionsFrom(), s.callbackRequested(),
                s.hotFrom(), s.warmFrom()));
    }
}
