package io.moked.cli.lead;

import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

import io.moked.cli.output.Direction;
import io.moked.cli.output.Fields;
import io.moked.cli.output.Formats;
import io.moked.cli.output.Table;
import io.moked.cli.output.Text;
import io.moked.crm.lead.LeadStatus;
import io.moked.crm.tenant.Tenant;

/**
 * How leads look in table output (JSON output is {@link LeadDtos}). What people wrote (names, fields, notes, labels)
 * is {@link Text} in the tenant's language direction; phones, codes and times stay left to right.
 */
final class LeadView {
    private LeadView() {
    }

    static Fields card(LeadDtos.Card c, Tenant tenant) {
        ZoneId zone = tenant.zoneId();
        Direction written = Direction.forLocale(tenant.locale());
        return Fields.create()
                .add("Phone", c.phone())
                .add("Name", c.name() == null ? null : Text.of(c.name(), written))
                .add("Email", c.email())
                .add("Status", c.statusLabel().equals(c.status()) ? c.status()
                        : c.statusLabel() + " (" + c.status() + ")")
                .add("Score", c.score() == null ? "not scored" : c.score() + (c.tier() == null ? "" : " (" + c.tier() + ")"))
                .add("Source", c.source())
                .add("Fields", Text.values(c.fields(), written))
                .add("Meetings", c.meetings().isEmpty() ? "-" : c.meetings().stream()
                        .map(m -> m.start().replace('T', ' ') + " - " + m.end().substring(11) + "  " + m.kind() + ", "
                                + m.status() + (m.address() == null ? "" : ", " + m.address()))
                        .collect(Collectors.joining("\n")))
                .add("Notes", c.notes().isEmpty() ? "-" : c.notes().stream()
                        .map(n -> Formats.time(n.at(), zone) + " " + n.author() + ": " + n.text())
                        .collect(Collectors.joining("\n")))
                .add("Created", Formats.time(c.createdAt(), zone))
                .add("Updated", Formats.time(c.updatedAt(), zone));
    }

    static Table table(List<LeadDtos.Row> rows, Tenant tenant, String emptyMessage) {
        ZoneId zone = tenant.zoneId();
        Direction written = Direction.forLocale(tenant.locale());
        return Table.of("PHONE", "NAME", "STATUS", "SCORE", "TIER", "SOURCE", "UPDATED")
                .rows(rows, r -> List.of(r.phone(), r.name() == null ? "-" : Text.of(Formats.brief(r.name(), 30),
                                written), r.status(),
                        r.score() == null ? "-" : r.score(), r.tier() == null ? "-" : r.tier(), r.source(),
                        Formats.time(r.updatedAt(), zone)))
                .rightAlign(3)
                .empty(emptyMessage);
    }

    static Table statuses(List<LeadStatus> statuses, Tenant tenant) {
        Direction written = Direction.forLocale(tenant.locale());
        return Table.of("#", "CODE", "LABEL")
                .rows(statuses, s -> List.of(s.position() + 1, s.code(), Text.of(s.label(), written)))
                .rightAlign(0)
                .empty("No lead statuses.");
    }
}
