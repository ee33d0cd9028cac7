package io.moked.crm.tenant;

import io.moked.crm.prompt.Placeholders;
import io.moked.error.ValidationException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a resolved {@link Persona} and {@link ScoringRules} (every field set); each failure names the field.
 * Message keys must exist in the tenant's messages, so a typo cannot leave a call with nothing to say.
 */
final class PersonaRules {
    static final int MAX_QUESTIONS = 30;
    static final int MAX_OPTIONS = 20;
    static final int MAX_PHRASES = 100;
    static final int MAX_POINTS = 100;
    static final int MAX_RULES = 200;
    private static final Pattern FIELD_KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private PersonaRules() {
    }

    static Persona persona(Persona p, Map<String, String> messages) {
        require(p.tone() != null && p.qualificationQuestions() != null && p.escalationPhrases() != null
                && p.sttMinConfidence() != null && p.reaskMessages() != null
                && p.returningGreetingTemplate() != null && p.recordingDisclosureMessage() != null
                && p.callbackMessage() != null,
                "persona is incomplete: set moked.tenant-defaults.persona in application.yml");
        String tone = text("persona tone", p.tone(), 1000);
        List<QualificationQuestion> questions = questions(p.qualificationQuestions());
        List<String> phrases = new ArrayList<>();
        for (String phrase : p.escalationPhrases()) {
            phrases.add(text("escalation phrase", phrase, 100));
        }
        require(phrases.size() <= MAX_PHRASES, "at most " + MAX_PHRASES + " escalation phrases");
        double threshold = p.sttMinConfidence();
        require(threshold >= 0 && threshold <= 1, "stt-min-confidence must be between 0 and 1, got " + threshold);
        require(!p.reaskMessages().isEmpty(), "reask-messages needs at least one message key");
        for (String key : p.reaskMessages()) {
            messageKey("reask-messages", key, messages);
        }
        String returning = text("returning-greeting-template", p.returningGreetingTemplate(), 2000);
        Placeholders.requireKnown(returning, "returning-greeting-template");
        messageKey("recording-disclosure-message", p.recordingDisclosureMessage(), messages);
        messageKey("callback-message", p.callbackMessage(), messages);
        return new Persona(tone, questions, List.copyOf(phrases), threshold, List.copyOf(p.reaskMessages()),
                returning, p.recordingDisclosureMessage().strip(), p.callbackMessage().strip());
    }

    static ScoringRules scoring(ScoringRules s) {
        require(s.enabled() != null && s.points() != null && s.budgetDefined() != null && s.budgetVague() != null
                && s.meetingBooked() != null && s.severalQuestions() != null && s.severalQuestionsFrom() != null
                && s.callbackRequested() != null && s.hotFrom() != null && s.warmFrom() != null,
                "scoring rules are incomplete: set moked.tenant-defaults.scoring in application.yml");
        List<FieldPoints> rules = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (FieldPoints p : s.points()) {
            require(p != null && p.field() != null && FIELD_KEY.matcher(p.field().strip()).matches(),
                    "scoring field '" + (p == null ? null : p.field())
                            + "' must be a lead field key (lowercase letters, digits, _)");
            String field = p.field().strip();
            String value = text("scoring value of " + field, p.value(), 100);
            require(seen.add(field + "=" + value), "scoring rule " + field + " = " + value + " appears twice");
            rules.add(new FieldPoints(field, value, points("scoring " + field + " = " + value, p.points())));
        }
        require(rules.size() <= MAX_RULES, "at most " + MAX_RULES + " scoring rules");
        points("budget-defined", s.budgetDefined());
        points("budget-vague", s.budgetVague());
        points("meeting-booked", s.meetingBooked());
        points("several-questions", s.severalQuestions());
        require(s.severalQuestionsFrom() >= 1 && s.severalQuestionsFrom() <= 100,
                "several-questions-from must be between 1 and 100");
        points("callback-requested", s.callbackRequested());
        points("hot-from", s.hotFrom());
        points("warm-from", s.warmFrom());
        require(s.warmFrom() < s.hotFrom(), "warm-from (" + s.warmFrom() + ") must be below hot-from ("
                + s.hotFrom() + ")");
        return new ScoringRules(s.enabled(), List.copyOf(rules), s.budgetDefined(), s.budgetVague(), s.meetingBooked(),
                s.severalQuestions(), s.severalQuestionsFrom(), s.callbackRequested(), s.hotFrom(), s.warmFrom());
    }

    private static List<QualificationQuestion> questions(List<QualificationQuestion> in) {
        require(in.size() <= MAX_QUESTIONS, "at most " + MAX_QUESTIONS + " qualification questions");
        Set<String> keys = new HashSet<>();
        List<QualificationQuestion> out = new ArrayList<>();
        for (QualificationQuestion q : in) {
            require(q != null && q.key() != null && FIELD_KEY.matcher(q.key().strip()).matches(),
                    "qualification question key '" + (q == null ? null : q.key())
                            + "' must be lowercase letters, digits or _ (a lead field)");
            String key = q.key().strip();
            require(keys.add(key), "qualification question '" + key + "' appears twice");
            List<String> options = new ArrayList<>();
            for (String o : q.optionList()) {
                options.add(text("option of " + key, o, 100));
            }
            require(options.size() <= MAX_OPTIONS, "question " + key + ": at most " + MAX_OPTIONS + " options");
            out.add(new QualificationQuestion(key, text("question of " + key, q.question(), 500), q.isRequired(),
                    List.copyOf(options)));
        }
        return List.copyOf(out);
    }

    private static void messageKey(String field, String key, Map<String, String> messages) {
        require(key != null && messages.containsKey(key.strip()), field + ": no message '" + key
                + "' (known messages: " + String.join(", ", messages.keySet()) + ")");
    }

    private static int points(String field, Integer points) {
        require(points != null && points >= 0 && points <= MAX_POINTS, field + " must be between 0 and "
                + MAX_POINTS + ", got " + points);
        return points;
    }

    private static String text(String field, String value, int max) {
        require(value != null && !value.isBlank(), field + " is empty");
        String v = value.strip();
        require(v.length() <= max, field + " is longer than " + max + " characters");
        return v;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ValidationException(message);
        }
    }
}
