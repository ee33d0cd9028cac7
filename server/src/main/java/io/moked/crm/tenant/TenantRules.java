package io.moked.crm.tenant;

import io.moked.crm.prompt.Placeholders;
import io.moked.error.ValidationException;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Field rules shared by create and update; each failure names the field and the accepted range. */
final class TenantRules {
    static final int MIN_MEETING_MINUTES = 5;
    static final int MAX_MEETING_MINUTES = 480;
    static final int MAX_RETENTION_DAYS = 3650;
    static final int MAX_CONCURRENT_CALLS = 1000;
    static final int MIN_END_OF_TURN_SILENCE_MS = 100;
    static final int MAX_END_OF_TURN_SILENCE_MS = 5000;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern VOICE = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    private static final Pattern DTMF_KEY = Pattern.compile("[0-9*#]");
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");

    private TenantRules() {
    }

    static String slug(String slug) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new ValidationException("slug '" + slug + "' must be 1-63 lowercase letters, digits or dashes, "
                    + "starting with a letter or digit");
        }
        return slug;
    }

    static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field + " is required");
        }
        String v = value.strip();
        if (v.length() > maxLength) {
            throw new ValidationException(field + " is longer than " + maxLength + " characters");
        }
        if (!io.moked.log.LogSafe.isClean(v)) {
            // a name is shown on terminals and spoken: ESC, line breaks or U+202E in it are an attack, not a name
            throw new ValidationException(field + " contains control or bidi-control characters ("
                    + io.moked.log.LogSafe.value(v) + ")");
        }
        return v;
    }

    static String locale(String tag) {
        Locale locale = Locale.forLanguageTag(tag == null ? "" : tag.strip());
        if (locale.getLanguage().isEmpty()) {
            throw new ValidationException("locale '" + tag + "' is not a language tag like he-IL");
        }
        return locale.toLanguageTag();
    }

    static String timeZone(String zone) {
        try {
            return ZoneId.of(zone == null ? "" : zone.strip()).getId();
        } catch (DateTimeException e) {
            throw new ValidationException("time zone '" + zone + "' is not a region id like Asia/Jerusalem");
        }
    }

    static String greeting(String template) {
        String t = text("greeting template", template, 2000);
        Placeholders.requireKnown(t, "greeting template");
        return t;
    }

    static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ValidationException(field + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    static String voice(String voice) {
        if (!VOICE.matcher(voice).matches()) {
            throw new ValidationException("voice '" + voice + "' must be a voice id (letters, digits, _ . : -)");
        }
        return voice;
    }

    static String accountSid(String sid) {
        if (sid == null || !ACCOUNT_SID.matcher(sid.strip()).matches()) {
            throw new ValidationException("Twilio account SID must be AC followed by 32 hex digits");
        }
        return sid.strip();
    }

    static Map<String, String> dtmf(Map<String, String> actions) {
        Map<String, String> out = new LinkedHashMap<>();
        actions.forEach((key, action) -> {
            if (!DTMF_KEY.matcher(key).matches()) {
                throw new ValidationException("DTMF key '" + key + "' must be one of 0-9, * or #");
            }
            out.put(key, DtmfAction.parse(action).id());
        });
        return out;
    }

    static Map<String, String> messages(Map<String, String> messages) {
        Map<String, String> out = new LinkedHashMap<>();
        messages.forEach((key, text) -> {
            if (text == null || text.isBlank()) {
                throw new ValidationException("message '" + key + "' is empty");
            }
            Placeholders.requireKnown(text, "message '" + key + "'");
            out.put(key, text.strip());
        });
        return out;
    }
}
