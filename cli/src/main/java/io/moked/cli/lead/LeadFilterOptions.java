package io.moked.cli.lead;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.moked.cli.CliException;
import io.moked.cli.CliRuntime;
import io.moked.crm.lead.LeadFilter;
import io.moked.crm.lead.LeadStatusService;
import io.moked.crm.lead.Tier;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Option;

/** {@code --status --tier --since}: which leads (lead list, lead export). */
public final class LeadFilterOptions {
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,5})([dh])");

    @Option(names = "--status", paramLabel = "STATUS", description = "Only leads in this status (code or label).")
    String status;

    @Option(names = "--tier", paramLabel = "hot|warm|cold", description = "Only leads of this tier.")
    Tier tier;

    @Option(names = "--since", paramLabel = "WHEN", description = {"Only leads changed since then: a date "
            + "(2025-03-01, midnight in the tenant's time zone), a local time (2025-03-01T09:00), an instant "
            + "(2025-03-01T07:00:00Z) or a span back from now (7d, 12h)."})
    String since;

    LeadFilter filter(CliRuntime runtime, Tenant tenant, String search) {
        String code = status == null ? null : runtime.bean(LeadStatusService.class).resolve(tenant, status);
        return new LeadFilter(code, tier, since == null ? null : since(since, tenant.zoneId(), Instant.now()), search);
    }

    /** A --since value (date, local time, instant or span back from {@code now}); bad input is exit 2. */
    public static Instant since(String text, ZoneId zone, Instant now) {
        String t = text.strip();
        Matcher relative = RELATIVE.matcher(t);
        if (relative.matches()) {
            long n = Long.parseLong(relative.group(1));
            return now.minus(relative.group(2).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n));
        }
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(zone).toInstant();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw CliException.usage("--since '" + text + "': use a date (2025-03-01), a time (2025-03-01T09:00), "
                    + "an instant (2025-03-01T07:00:00Z) or a span (7d, 12h)");
        }
    }
}
