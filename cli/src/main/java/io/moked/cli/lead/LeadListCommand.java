package io.moked.cli.lead;

import java.util.List;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.crm.lead.LeadFilter;
import io.moked.crm.lead.LeadQueries;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", description = "List a tenant's leads, most recently changed first.")
public final class LeadListCommand extends AgentctlCommand {
    static final int MAX_LIMIT = 1000;

    @Mixin
    LeadTarget target;

    @Mixin
    LeadFilterOptions filterOptions;

    @Option(names = {"-s", "--search"}, paramLabel = "TEXT",
            description = "Part of the name or email, or digits of the phone (052-555 finds +97252555...).")
    String search;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N leads (default 50, "
            + "at most " + MAX_LIMIT + ").")
    int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip the first N (paging).")
    int offset;

    @Override
    protected int execute() {
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw CliException.usage("--limit must be 1.." + MAX_LIMIT + " and --offset not negative");
        }
        Tenant tenant = target.tenant(runtime());
        LeadFilter filter = filterOptions.filter(runtime(), tenant, search);
        LeadQueries queries = service(LeadQueries.class);
        List<LeadDtos.Row> rows = queries.list(tenant, filter, limit, offset).stream().map(LeadDtos::row).toList();
        out().emit(rows, out -> {
            LeadView.table(rows, tenant, "No leads" + (filter.equals(LeadFilter.all()) ? " yet. Import some: "
                    + "agentctl lead import --tenant " + tenant.slug() + " FILE.csv" : " match.")).render(out);
            long total = queries.count(tenant, filter);
            if (offset + rows.size() < total) {
                out.note("Showing " + (offset + 1) + "-" + (offset + rows.size()) + " of " + total
                        + "; next page: --offset " + (offset + rows.size()));
            }
        });
        return ExitCode.OK;
    }
}
