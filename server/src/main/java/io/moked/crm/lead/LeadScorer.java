package io.moked.crm.lead;

import io.moked.crm.tenant.FieldPoints;
import io.moked.crm.tenant.ScoringRules;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Computes a lead's score from what is known about it and the tenant's {@link ScoringRules}: the points of every
 * rule whose field has its value, plus budget (a number: defined; any other text: vague), a booked meeting, several
 * questions asked and a call-back request; summed and capped at 100. Tier: hot from {@code hotFrom}, warm from
 * {@code warmFrom}, else cold. Pure; values compare case-insensitively, ignoring surrounding spaces.
 */
public final class LeadScorer {
    private static final int MAX_SCORE = 100;
    /** "2500000", "2,500,000", "2500000.50" */
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?");

    private LeadScorer() {
    }

    public static LeadScore score(Map<String, String> facts, ScoringRules rules) {
        int total = 0;
        for (FieldPoints p : rules.points()) {
            String value = facts.get(p.field());
            if (value != null && normal(value).equals(normal(p.value()))) {
                total += p.points();
            }
        }
        String budget = facts.get(LeadFacts.BUDGET);
        if (present(budget)) {
            total += NUMBER.matcher(budget.strip()).matches() ? rules.budgetDefined() : rules.budgetVague();
        }
        if (present(facts.get(LeadFacts.MEETING_BOOKED))) {
            total += rules.meetingBooked();
        }
        if (questions(facts.get(LeadFacts.QUESTIONS_ASKED)) >= rules.severalQuestionsFrom()) {
            total += rules.severalQuestions();
        }
        if (present(facts.get(LeadFacts.CALLBACK_REQUESTED))) {
            total += rules.callbackRequested();
        }
        int score = Math.min(total, MAX_SCORE);
        Tier tier = score >= rules.hotFrom() ? Tier.HOT : score >= rules.warmFrom() ? Tier.WARM : Tier.COLD;
        return new LeadScore(score, tier);
    }

    private static int questions(String value) {
        if (!present(value)) {
            return 0;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String normal(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }
}
