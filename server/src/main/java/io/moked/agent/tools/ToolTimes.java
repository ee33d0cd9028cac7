package io.moked.agent.tools;

import io.moked.hebrew.time.HebrewTimeParser;
import io.moked.hebrew.time.ParsedTime;
import jakarta.inject.Singleton;

/** Time arguments: tenant-local "YYYY-MM-DDTHH:MM" or a Hebrew expression, read by the Hebrew time parser. */
@Singleton
final class ToolTimes {
    private final HebrewTimeParser parser;

    ToolTimes(HebrewTimeParser parser) {
        this.parser = parser;
    }

    /** @throws ToolArgumentException when the text is not understood */
    ParsedTime parse(ToolContext ctx, String argument, String text) {
        return parser.parse(text, ctx.tenant(), ctx.now()).orElseThrow(() -> new ToolArgumentException(
                argument + " '" + ToolJson.clip(text, 60) + "' is not a time I understand: send the tenant-local "
                        + "YYYY-MM-DDTHH:MM (e.g. " + ctx.localNow().plusDays(1).withHour(10).withMinute(0)
                        .format(ParsedTime.LOCAL_MINUTES) + ") or what the caller said (e.g. מחר בעשר)"));
    }

    /** An exact start time. */
    ParsedTime instant(ToolContext ctx, String argument, String text) {
        ParsedTime t = parse(ctx, argument, text);
        if (t.kind() != ParsedTime.Kind.INSTANT) {
            throw new ToolArgumentException(argument + " '" + ToolJson.clip(text, 60) + "' is a " + t.kind().id()
                    + ", not an exact time: ask the caller for one, or offer free slots (check_availability)");
        }
        return t;
    }
}
