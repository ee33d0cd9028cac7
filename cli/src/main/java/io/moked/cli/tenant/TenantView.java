package io.moked.cli.tenant;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.moked.cli.output.Direction;
import io.moked.cli.output.Fields;
import io.moked.cli.output.Formats;
import io.moked.cli.output.Table;
import io.moked.cli.output.Text;
import io.moked.crm.tenant.Tenant;

/**
 * How tenants look in table output (JSON output is the {@link Tenant} record itself). What people wrote (names,
 * greeting, messages) is {@link Text} in the tenant's language direction, so a message without letters ("?") or a
 * Hebrew sentence is laid out as Hebrew; slugs, numbers and times stay left to right.
 */
final class TenantView {
    private TenantView() {
    }

    static Fields details(Tenant t) {
        ZoneId zone = t.zoneId();
        Direction written = Direction.forLocale(t.locale());
        return Fields.create()
                .add("Slug", t.slug())
                .add("Business name", Text.of(t.businessName(), written))
                .add("Assistant name", Text.of(t.assistantName(), written))
                .add("Locale", t.locale())
                .add("Time zone", t.timeZone())
                .add("Greeting", Text.of(t.greetingTemplate(), written))
                .add("Business hours", hours(t))
                .add("Meeting minutes", t.meetingMinutes())
                .add("Transfer number", t.transferNumber())
                .add("Recording", t.recordingEnabled() ? "on, kept " + t.retentionDays() + " days" : "off")
                .add("Max concurrent calls", t.maxConcurrentCalls())
                .add("End-of-turn silence", t.endOfTurnSilenceMs() == null ? "engine default"
                        : t.endOfTurnSilenceMs() + " ms")
                .add("Voice", t.voice() == null ? "appliance default" : t.voice())
                .add("Phone numbers", Formats.list(t.phoneNumbers()))
                .add("Twilio", twilio(t))
                .add("Keypad (DTMF)", t.dtmfActions())
                .add("Messages", Text.values(t.messages(), written))
                .add("Tone", Text.of(t.persona().tone(), written))
                .add("Qualification", questions(t, written))
                .add("Escalation phrases", Text.of(String.join(", ", t.persona().escalationPhrases()), written))
                .add("STT min confidence", t.persona().sttMinConfidence())
                .add("Returning greeting", Text.of(t.persona().returningGreetingTemplate(), written))
                .add("Scoring", scoring(t))
                .add("Created", Formats.time(t.createdAt(), zone))
                .add("Updated", Formats.time(t.updatedAt(), zone));
    }

    static Table table(List<Tenant> tenants) {
        return Table.of("SLUG", "BUSINESS", "ASSISTANT", "NUMBERS", "TWILIO", "CREATED")
                .rows(tenants, t -> List.of(t.slug(), prose(t, t.businessName()), prose(t, t.assistantName()),
                        Formats.list(t.phoneNumbers()), t.twilioConfigured() ? "yes" : "no",
                        Formats.time(t.createdAt(), t.zoneId())))
                .empty("No tenants yet. Create one: agentctl tenant create --from config/examples/tenant.yaml");
    }

    /** Text the tenant's people wrote, in the tenant's language direction. */
    private static Text prose(Tenant t, String value) {
        return Text.of(value, Direction.forLocale(t.locale()));
    }

    /** Weekday to ranges, Sunday first: "sunday" → "09:00-13:00, 16:00-19:00", "friday" → "closed". */
    static Map<String, String> hours(Tenant t) {
        Map<String, String> days = new LinkedHashMap<>();
        t.businessHours().toJson().forEach((day, ranges) ->
                days.put(day, ranges.isEmpty() ? "closed" : String.join(", ", ranges)));
        return days;
    }

    /** Per question "intent* [buy|rent]" → its wording; * = required. */
    static Map<String, Text> questions(Tenant t, Direction written) {
        Map<String, Text> questions = new LinkedHashMap<>();
        t.persona().qualificationQuestions().forEach(q -> questions.put(q.key() + (q.isRequired() ? "*" : "")
                + (q.optionList().isEmpty() ? "" : " [" + String.join("|", q.optionList()) + "]"),
                Text.of(q.question(), written)));
        return questions;
    }

    static String scoring(Tenant t) {
        var s = t.scoring();
        if (!s.isEnabled()) {
            return "off (scores set by hand)";
        }
        StringJoiner out = new StringJoiner(", ");
        s.points().forEach(p -> out.add(p.field() + "=" + p.value() + " " + p.points()));
        out.add("budget " + s.budgetDefined() + "/" + s.budgetVague() + " (number/vague)");
        out.add("meeting " + s.meetingBooked());
        out.add(s.severalQuestionsFrom() + "+ questions " + s.severalQuestions());
        out.add("call-back " + s.callbackRequested());
        return out + "; hot >= " + s.hotFrom() + ", warm >= " + s.warmFrom();
    }

    static String twilio(Tenant t) {
        if (t.twilioAccountSid() == null) {
            return "not configured (agentctl tenant set-twilio --tenant " + t.slug() + " ...)";
        }
        return t.twilioAccountSid() + (t.twilioConfigured() ? "" : " (auth token missing)");
    }
}
