package io.moked.cli;

import picocli.CommandLine.Option;

/** {@code --tenant SLUG} (required). Mix into every command that works on one tenant's data. */
public final class TenantOption {
    @Option(names = {"-t", "--tenant"}, required = true, paramLabel = "SLUG",
            description = "Tenant slug (see 'agentctl tenant list').")
    String slug;

    public String slug() {
        return slug;
    }
}
