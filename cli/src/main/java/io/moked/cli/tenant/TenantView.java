package io.moked.cli.tenant;

import java.time.ZoneId;
import java.util.List;
import java.util.StringJoiner;

import io.moked.cli.output.Fields;
import io.moked.cli.output.Formats;
import io.moked.cli.output.Table;
import io.moked.crm.tenant.Tenant;

/** How tenants look in table output (JSON output is the {@link Tenant} record itself). */
final class TenantView {
    private TenantView() {
    }

    static Fields details(Tenant t) {
        ZoneId zone = t.zoneId();
        return Fields.create()
                .add("Slug", t.slug())
                .add("Business name", t.businessName())
                .add("Assistant name", t.assistantName())
                .add("Locale", t.locale())
                .add("Time zone", t.timeZone())
                .add("Greeting", t.greetingTemplate())
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
                .add("Keypad (DTMF)", Formats.lines(t.dtmfActions()))
                .add("Messages", Formats.lines(t.messages()))
                .add("Tone", t.persona().tone())
                .add("Qualification", questions(t))
                .add("Escalation phrases", String.join(", ", t.persona().escalationPhrases()))
                .add("STT min confidence", t.persona().sttMinConfidence())
                .add("Returning greeting", t.persona().returningGreetingTemplate())
                .add("Scoring", scoring(t))
                .add("Created", Formats.time(t.createdAt(), zone))
                .add("Updated", Formats.time(t.updatedAt(), zone));
    }

    static Table table(List<Tenant> tenants) {
        return Table.of("SLUG", "BUSINESS", "ASSISTANT", "NUMBERS", "TWILIO", "CREATED")
                .rows(tenants, t -> List.of(t.slug(), t.businessName(), t.assistantName(),
                        Formats.list(t.phoneNumbers()), t.twilioConfigured() ? "yes" : "no",
                        Formats.time(t.createdAt(), t.zoneId())))
                .empty("No tenants yet. Create one: agentctl tenant create --from config/examples/tenant.yaml");
    }

    /** One line per weekday, Sunday first: "sunday: 09:00-13:00, 16:00-19:00" or "friday: closed". */
    static String hours(Tenant t) {
        StringJoiner lines = new StringJoiner("\n");
        t.businessHours().toJson().forEach((day, ranges) ->
                lines.add(day + ": " + (ranges.isEmpty() ? "closed" : String.join(", ", ranges))));
        return lines.toString();
    }

    /** "intent* [buy|rent]: אתם מחפשים לקנות או לשכור?" per question; * = required. */
    static String questions(Tenant t) {
        StringJoiner lines = new StringJoiner("\n");
        t.persona().qualificationQuestions().forEach(q -> lines.add(q.key() + (q.isRequired() ? "*" : "")
                + (q.optionList().isEmpty() ? "" : " [" + String.join("|", q.optionList()) + "]") + ": "
                + q.question()));
        return lines.toString();
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
