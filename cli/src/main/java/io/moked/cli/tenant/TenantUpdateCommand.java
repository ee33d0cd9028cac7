package io.moked.cli.tenant;

import java.util.Set;

import io.moked.cli.ActorOption;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.cli.TenantOption;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantPatch;
import io.moked.crm.tenant.TenantService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "update", description = "Change a tenant's settings; only the options given change.")
public final class TenantUpdateCommand extends AgentctlCommand {
    @Mixin
    TenantOption tenant;

    @Mixin
    TenantFields fields;

    @Option(names = "--clear", paramLabel = "FIELD", split = ",",
            description = "Empty optional settings: transfer-number, end-of-turn-silence-ms, voice.")
    Set<String> clear;

    @Mixin
    ActorOption actor;

    @Override
    protected int execute() {
        if (fields.isEmpty() && (clear == null || clear.isEmpty())) {
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
        Tenant updated = service(TenantService.class).update(tenant.slug(), fields.toPatch(clear),
                actor.resolve(runtime()));
        out().emit(updated, TenantView.details(updated));
        return ExitCode.OK;
    }
}
