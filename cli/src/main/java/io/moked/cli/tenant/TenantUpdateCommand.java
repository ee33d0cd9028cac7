package io.moked.cli.tenant;

import java.nio.file.Path;
import java.util.Set;

import io.moked.cli.ActorOption;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.cli.TenantOption;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantPatch;
import io.moked.crm.tenant.TenantService;
import io.moked.crm.tenant.TenantSpec;
import io.moked.crm.tenant.TenantSpecLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "update", description = "Change a tenant's settings; only the options given change.")
public final class TenantUpdateCommand extends AgentctlCommand {
    @Mixin
    TenantOption tenant;

    @Option(names = "--from", paramLabel = "FILE.yaml",
            description = "Apply the settings of a tenant file (persona, scoring, hours...); options win over it. "
                    + "Its slug, if any, must be this tenant's; its phone-numbers are not changed here.")
    Path from;

    @Mixin
    TenantFields fields;

    @Option(names = "--clear", paramLabel = "FIELD", split = ",",
            description = "Empty optional settings: transfer-number, end-of-turn-silence-ms, voice.")
    Set<String> clear;

    @Mixin
    ActorOption actor;

    @Override
    protected int execute() {
        if (from == null && fields.isEmpty() && (clear == null || clear.isEmpty())) {
            throw CliException.usage("nothing to update: give at least one setting option or --clear (see "
                    + "'agentctl tenant update --help')");
        }
        if (clear != null) {
            for (String field : clear) {
                if (!TenantPatch.CLEARABLE.contains(field)) {
                    throw CliException.usage("--clear " + field + ": only " + String.join(", ",
                            new java.util.TreeSet<>(TenantPatch.CLEARABLE)) + " can be cleared");
                }
            }
        }
        TenantPatch patch = fields.toPatch(clear);
        if (from != null) {
            TenantSpec file = TenantSpecLoader.load(from);
            if (file.slug() != null && !file.slug().equals(tenant.slug())) {
                throw CliException.usage("--from " + from + " is for tenant '" + file.slug() + "', not '"
                        + tenant.slug() + "'");
            }
            if (file.phoneNumbers() != null && !file.phoneNumbers().isEmpty()) {
                out().note("note: phone-numbers in " + from + " are ignored; use tenant add-number / remove-number");
            }
            patch = fields.toPatch(file, clear);
        }
        Tenant updated = service(TenantService.class).update(tenant.slug(), patch, actor.resolve(runtime()));
        out().emit(updated, TenantView.details(updated));
        return ExitCode.OK;
    }
}
