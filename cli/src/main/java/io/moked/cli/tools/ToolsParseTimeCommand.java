package io.moked.cli.tools;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.core.annotation.Nullable;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.cli.TenantOption;
import io.moked.cli.output.Json;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.hebrew.time.HebrewTimeParser;
import io.moked.hebrew.time.ParsedTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "parse-time", description = {
        "Read a Hebrew time expression as the assistant does (\"מחר בעשר\", \"יום שלישי אחרי הצהריים\", "
                + "\"בין שתיים לארבע\", 2025-03-04T10:00) in the tenant's time zone and business hours.",
        "Prints {\"start\":...,\"end\":...|null,\"kind\":\"instant\"|\"range\"|\"date\"} in tenant-local ISO-8601 "
                + "without offset; exit 3 with {\"error\":\"not understood\"} when it is not understood.",
        "Example: agentctl tools parse-time --tenant yafo-homes --now 2025-03-03T10:00 'מחר בשלוש וחצי'"})
public final class ToolsParseTimeCommand extends AgentctlCommand {
    @Mixin
    TenantOption tenant;

    @Option(names = "--now", paramLabel = "ISO-8601",
            description = "Parse as if it were this time: 2025-03-03T10:00 (tenant-local), with an offset, or an "
                    + "instant ending in Z. Default: now.")
    String now;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "What the caller said (several words are joined).")
    List<String> words;

    /** The printed result: tenant-local times without offset. */
    public record TimeView(String start, @Nullable String end, String kind) {
    }

    public record NotUnderstood(String error) {
    }

    @Override
    protected int execute() throws JsonProcessingException {
        Tenant t = service(TenantService.class).get(tenant.slug());
        Instant at = now == null ? service(java.time.Clock.class).instant() : instant(now, t);
        Optional<ParsedTime> parsed = service(HebrewTimeParser.class).parse(String.join(" ", words), t, at);
        Object result = parsed.<Object>map(p -> new TimeView(p.startText(), p.endText(), p.kind().id()))
                .orElse(new NotUnderstood("not understood"));
        if (out().isJson()) {
            out().json(result);
        } else {
            out().rawLine(Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature
                    .INDENT_OUTPUT).writeValueAsString(result));
        }
        return parsed.isPresent() ? ExitCode.OK : ExitCode.NOT_FOUND_OR_CONFLICT;
    }

    /** A time without offset is the tenant's local time. */
    private static Instant instant(String text, Tenant tenant) {
        try {
            if (text.endsWith("Z") || text.endsWith("z")) {
                return Instant.parse(text.toUpperCase(java.util.Locale.ROOT));
            }
            if (text.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).atZone(tenant.zoneId()).toInstant();
        } catch (DateTimeException e) {
            throw CliException.usage("--now " + text + ": expected ISO-8601 such as 2025-03-03T10:00, "
                    + "2025-03-03T10:00+02:00 or 2025-03-03T08:00:00Z");
        }
    }
}
