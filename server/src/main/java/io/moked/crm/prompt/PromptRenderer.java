package io.moked.crm.prompt;

import io.moked.crm.tenant.QualificationQuestion;
import io.moked.crm.tenant.Tenant;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Computes the value of every {@link Placeholders#KNOWN} placeholder for a tenant and call. */
final class PromptRenderer {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private PromptRenderer() {
    }

    static Map<String, String> values(Tenant tenant, PromptContext ctx) {
        Locale locale = tenant.javaLocale();
        ZonedDateTime local = ctx.now().atZone(tenant.zoneId());
        Map<String, String> v = new HashMap<>();
        v.put("business_name", tenant.businessName());
        v.put("assistant_name", tenant.assistantName());
        v.put("business_hours", tenant.businessHours().describe(locale));
        v.put("transfer_number", tenant.transferNumber() == null ? "" : tenant.transferNumber());
        v.put("meeting_minutes", Integer.toString(tenant.meetingMinutes()));
        v.put("time_zone", tenant.timeZone());
        v.put("today", local.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)));
        v.put("weekday", local.getDayOfWeek().getDisplayName(TextStyle.FULL, locale));
        v.put("now", local.format(CLOCK));
        v.put("caller_phone", ctx.callerPhone() == null ? "" : ctx.callerPhone());
        v.put("caller_name", ctx.callerName() == null ? "" : ctx.callerName());
        StringJoiner facts = new StringJoiner("\n");
        ctx.leadDetails().forEach((k, val) -> facts.add(k + ": " + val));
        v.put("lead_details", facts.toString());
        v.put("lead_name", ctx.callerName() == null ? "" : ctx.callerName());
        StringJoiner known = new StringJoiner("\n");
        ctx.knownFields().forEach((k, val) -> known.add(k + ": " + val));
        ctx.meetings().forEach(known::add);
        v.put("lead_known_fields", known.toString());
        v.put("earlier_calls", String.join("\n", ctx.earlierCalls()));
        v.put("available_slots", String.join("\n", ctx.availableSlots()));
        v.put("qualification_questions", questions(tenant.persona().qualificationQuestions()));
        v.put("tone", tenant.persona().tone());
        // the greeting may itself use placeholders (but not {{greeting}}); a known caller gets the returning variant
        Map<String, String> forGreeting = new HashMap<>(v);
        forGreeting.put("greeting", "");
        boolean returning = ctx.callerName() != null && !ctx.callerName().isBlank();
        v.put("greeting", Placeholders.fill(returning ? tenant.persona().returningGreetingTemplate()
                : tenant.greetingTemplate(), forGreeting));
        return v;
    }

    /** The sentence said before anything is recorded, when the tenant records calls; else empty. */
    static String recordingDisclosure(Tenant tenant) {
        return tenant.recordingEnabled() ? tenant.message(tenant.persona().recordingDisclosureMessage()).orElse("")
                : "";
    }

    /** "- timeline (required): מתי תרצו להיכנס לנכס? [asap | 1-3m | ...]" per question. */
    static String questions(List<QualificationQuestion> questions) {
        StringJoiner out = new StringJoiner("\n");
        for (QualificationQuestion q : questions) {
            String options = q.optionList().isEmpty() ? "" : " [" + String.join(" | ", q.optionList()) + "]";
            out.add("- " + q.key() + (q.isRequired() ? " (required)" : "") + ": " + q.question() + options);
        }
        return out.toString();
    }
}
