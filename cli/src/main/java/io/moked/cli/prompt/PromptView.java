package io.moked.cli.prompt;

import java.util.List;

import io.moked.cli.output.Direction;
import io.moked.cli.output.Fields;
import io.moked.cli.output.Formats;
import io.moked.cli.output.Output;
import io.moked.cli.output.Table;
import io.moked.cli.output.Text;
import io.moked.crm.prompt.PromptActivation;
import io.moked.crm.prompt.PromptVersion;
import io.moked.crm.tenant.Tenant;

/**
 * How prompt versions look in table output (JSON output is the records themselves). Prompt text and notes are
 * {@link Text} in the tenant's language direction: each line of a body is its own paragraph.
 */
final class PromptView {
    private static final int NOTE_CHARS = 50;

    private PromptView() {
    }

    static Fields details(Tenant tenant, PromptVersion v) {
        return Fields.create()
                .add("Tenant", tenant.slug())
                .add("Channel", v.channel().id())
                .add("Version", v.version())
                .add("Active", Formats.yesNo(v.active()))
                .add("Author", v.author())
                .add("Created", Formats.time(v.createdAt(), tenant.zoneId()))
                .add("Note", v.note() == null ? null : Text.of(v.note(), written(tenant)))
                .add("Body", Text.of(v.body(), written(tenant)));
    }

    static Table versions(Tenant tenant, List<PromptVersion> versions) {
        return Table.of("VERSION", "ACTIVE", "AUTHOR", "CREATED", "CHARS", "NOTE")
                .rows(versions, v -> List.of(v.version(), v.active() ? "*" : "", v.author(),
                        Formats.time(v.createdAt(), tenant.zoneId()), v.body().length(),
                        v.note() == null ? "-" : Text.of(Formats.brief(v.note(), NOTE_CHARS), written(tenant))))
                .rightAlign(0, 4)
                .empty("No prompt versions yet. Push one: agentctl prompt push --tenant " + tenant.slug()
                        + " --file PROMPT.md");
    }

    static Table history(Tenant tenant, List<PromptActivation> activations) {
        return Table.of("WHEN", "ACTION", "VERSION", "ACTOR")
                .rows(activations, a -> List.of(Formats.time(a.activatedAt(), tenant.zoneId()), a.action(),
                        a.version(), a.actor()))
                .empty("No version was ever activated.");
    }

    /**
     * A unified diff for a terminal: the +/-/space marker stays in the first column and the text after it is laid
     * out as its own paragraph, so a Hebrew line reads right to left without pushing the marker to the far end.
     */
    static void diff(Output out, Tenant tenant, String diff) {
        if (diff.isEmpty()) {
            out.line("(no differences)");
            return;
        }
        Direction direction = written(tenant);
        for (String line : diff.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            boolean marked = line.startsWith("+") || line.startsWith("-") || line.startsWith(" ");
            if (marked && !line.startsWith("---") && !line.startsWith("+++")) {
                out.labelled(line.substring(0, 1), 1, Text.of(line.substring(1), direction), null);
            } else {
                out.line(line);
            }
        }
    }

    private static Direction written(Tenant tenant) {
        return Direction.forLocale(tenant.locale());
    }
}
