package io.moked.cli.tenant;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.moked.crm.tenant.Persona;
import io.moked.crm.tenant.TenantPatch;
import io.moked.crm.tenant.TenantSpec;
import picocli.CommandLine.Option;

/**
 * The tenant settings as options, shared by {@code tenant create} (on top of {@code --from FILE}) and
 * {@code tenant update}. Unset options are null and leave the value to the file, the defaults or the current state.
 */
final class TenantFields {
    @Option(names = "--business-name", paramLabel = "NAME", description = "Business name callers hear.")
    String businessName;

    @Option(names = "--assistant-name", paramLabel = "NAME", description = "The assistant's name.")
    String assistantName;

    @Option(names = "--locale", paramLabel = "TAG", description = "Language of calls (default he-IL).")
    String locale;

    @Option(names = "--time-zone", paramLabel = "ZONE", description = "Time zone (default Asia/Jerusalem).")
    String timeZone;

    @Option(names = "--greeting", paramLabel = "TEMPLATE",
            description = "Greeting template; may use {{placeholders}} (see 'agentctl prompt push --help').")
    String greetingTemplate;

    @Option(names = "--hours", paramLabel = "DAY=RANGES",
            description = "Opening hours of a day, e.g. --hours sunday='09:00-13:00, 16:00-19:00' --hours "
                    + "friday=closed (create: unlisted days closed; update: replaces all days).")
    Map<String, String> businessHours;

    @Option(names = "--meeting-minutes", paramLabel = "MIN", description = "Length of a viewing/meeting.")
    Integer meetingMinutes;

    @Option(names = "--transfer-number", paramLabel = "PHONE", description = "Where hand-offs to a human go.")
    String transferNumber;

    @Option(names = "--recording", negatable = true, description = "Record calls (--no-recording: do not).")
    Boolean recordingEnabled;

    @Option(names = "--retention-days", paramLabel = "DAYS", description = "Keep recordings this many days.")
    Integer retentionDays;

    @Option(names = "--max-calls", paramLabel = "N", description = "Maximum concurrent calls.")
    Integer maxConcurrentCalls;

    @Option(names = "--end-of-turn-silence-ms", paramLabel = "MS",
            description = "Silence that ends the caller's turn (default: engine default).")
    Integer endOfTurnSilenceMs;

    @Option(names = "--dtmf", paramLabel = "DIGIT=ACTION", description = "Keypad action, e.g. --dtmf 0=transfer.")
    Map<String, String> dtmfActions;

    @Option(names = "--message", paramLabel = "KEY=TEXT",
            description = "A fixed phrase by key (busy, voicemail-prompt, ...); update merges by key.")
    Map<String, String> messages;

    @Option(names = "--voice", paramLabel = "VOICE", description = "TTS voice id (default: appliance default).")
    String voice;

    @Option(names = "--tone", paramLabel = "TEXT", description = "How the assistant should sound (persona tone).")
    String tone;

    @Option(names = "--stt-min-confidence", paramLabel = "0..1",
            description = "Transcriptions below this confidence are asked again (default 0.5).")
    Double sttMinConfidence;

    @Option(names = "--escalation-phrase", paramLabel = "PHRASE",
            description = "A caller phrase that transfers to a person at once (repeatable; replaces the list).")
    List<String> escalationPhrases;

    /** {@code base} (from a file, or empty) with every given option on top. */
    TenantSpec applyTo(TenantSpec base, String slug, List<String> phoneNumbers) {
        return new TenantSpec(
                or(slug, base.slug()),
                or(businessName, base.businessName()),
                or(assistantName, base.assistantName()),
                or(locale, base.locale()),
                or(timeZone, base.timeZone()),
                or(greetingTemplate, base.greetingTemplate()),
                or(businessHours, base.businessHours()),
                or(meetingMinutes, base.meetingMinutes()),
                or(transferNumber, base.transferNumber()),
                or(recordingEnabled, base.recordingEnabled()),
                or(retentionDays, base.retentionDays()),
                or(maxConcurrentCalls, base.maxConcurrentCalls()),
                or(endOfTurnSilenceMs, base.endOfTurnSilenceMs()),
                or(dtmfActions, base.dtmfActions()),
                or(messages, base.messages()),
                or(voice, base.voice()),
                phoneNumbers == null || phoneNumbers.isEmpty() ? base.phoneNumbers() : phoneNumbers,
                persona(base.persona()), base.scoring());
    }

    /** The persona options over {@code base} (from a file, or null). */
    Persona persona(Persona base) {
        Persona options = new Persona(tone, null, escalationPhrases, sttMinConfidence, null, null, null, null);
        if (options.equals(Persona.empty())) {
            return base;
        }
        return base == null ? options : options.over(base);
    }

    TenantPatch toPatch(Set<String> clear) {
        return new TenantPatch(businessName, assistantName, locale, timeZone, greetingTemplate, businessHours,
                meetingMinutes, transferNumber, recordingEnabled, retentionDays, maxConcurrentCalls,
                endOfTurnSilenceMs, dtmfActions, messages, voice, clear == null || clear.isEmpty() ? null : clear,
                persona(null), null);
    }

    /** {@code file}'s settings (a tenant YAML) as a patch, with every given option on top. */
    TenantPatch toPatch(TenantSpec file, Set<String> clear) {
        TenantSpec s = applyTo(file, null, null);
        return new TenantPatch(s.businessName(), s.assistantName(), s.locale(), s.timeZone(), s.greetingTemplate(),
                s.businessHours(), s.meetingMinutes(), s.transferNumber(), s.recordingEnabled(), s.retentionDays(),
                s.maxConcurrentCalls(), s.endOfTurnSilenceMs(), s.dtmfActions(), s.messages(), s.voice(),
                clear == null || clear.isEmpty() ? null : clear, s.persona(), s.scoring());
    }

    boolean isEmpty() {
        return toPatch(null).equals(TenantPatch.empty());
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
