package io.moked.crm.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a lead's score (0–100) and tier are computed from what is known about it (tenant YAML key {@code scoring};
 * defaults under {@code moked.tenant-defaults.scoring}). In a spec or patch null fields keep the default / current
 * value, and the {@code points} of a field replace all of that field's default points.
 *
 * @param enabled            false = scores are set by hand (lead update), never computed
 * @param points             points of lead field values, e.g. timeline = asap: 30
 * @param budgetDefined      points when the budget is a number
 * @param budgetVague        points when a budget was given but not as a number ("around two million")
 * @param meetingBooked      points when the lead booked a viewing or meeting
 * @param severalQuestions   points when the caller asked at least {@code severalQuestionsFrom} questions
 * @param callbackRequested  points when the caller asked to be called back
 * @param hotFrom            score from which a lead is hot
 * @param warmFrom           score from which a lead is warm (below: cold)
 */
@Serdeable
public record ScoringRules(@Nullable Boolean enabled,
                           @Nullable List<FieldPoints> points,
                           @Nullable Integer budgetDefined,
                           @Nullable Integer budgetVague,
                           @Nullable Integer meetingBooked,
                           @Nullable Integer severalQuestions,
                           @Nullable Integer severalQuestionsFrom,
                           @Nullable Integer callbackRequested,
                           @Nullable Integer hotFrom,
                           @Nullable Integer warmFrom) {

    public static ScoringRules empty() {
        return new ScoringRules(null, null, null, null, null, null, null, null, null, null);
    }

    public boolean isEnabled() {
        return !Boolean.FALSE.equals(enabled);
    }

    /** Each set field of these rules over {@code base}; the points of a field named here replace base's. */
    public ScoringRules over(ScoringRules base) {
        List<FieldPoints> merged = new ArrayList<>();
        Set<String> named = new HashSet<>();
        if (points != null) {
            points.forEach(p -> named.add(p.field()));
        }
        if (base.points != null) {
            base.points.stream().filter(p -> !named.contains(p.field())).forEach(merged::add);
        }
        if (points != null) {
            merged.addAll(points);
        }
        return new ScoringRules(or(enabled, base.enabled), merged, or(budgetDefined, base.budgetDefined),
                or(budgetVague, base.budgetVague), or(meetingBooked, base.meetingBooked),
                or(severalQuestions, base.severalQuestions), or(severalQuestionsFrom, base.severalQuestionsFrom),
                or(callbackRequested, base.callbackRequested), or(hotFrom, base.hotFrom), or(warmFrom, base.warmFrom));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
