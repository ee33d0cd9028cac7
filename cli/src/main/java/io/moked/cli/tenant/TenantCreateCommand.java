package io.moked.cli.tenant;

import java.nio.file.Path;
import java.util.List;

import io.moked.cli.ActorOption;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.crm.tenant.TenantSpec;
import io.moked.crm.tenant.TenantSpecLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "create", description = {"Create a tenant from a YAML file and/or options (options win over the file).",
        "Example: agentctl tenant create --from config/examples/tenant.yaml --output json"})
public final class TenantCreateCommand extends AgentctlCommand {
    @Option(names = "--from", paramLabel = "FILE.yaml", description = "Tenant settings (see config/examples/tenant.yaml).")
    Path from;

    @Option(names = "--slug", paramLabel = "SLUG",
            description = "Short id used with --tenant (lower-case letters, digits, dashes).")
    String slug;

    @Option(names = "--phone", paramLabel = "PHONE", description = "A number routed to this tenant (repeatable).")
    List<String> phoneNumbers;

    @Mixin
    TenantFields fields;

    @Mixin
    ActorOption actor;

    @Override
    protected int execute() {
        TenantSpec base = from == null ? TenantSpec.of(null, null, null) : TenantSpecLoader.load(from);
        TenantSpec spec = fields.applyTo(base, slug, phoneNumbers);
        if (spec.slug() == null || spec.businessName() == null || spec.assistantName() == null) {
            throw CliException.usage("a tenant needs --slug, --business-name and --assistant-name (or --from FILE "
                    + "with slug, business-name and assistant-name)");
        }
        Tenant created = service(TenantService.class).create(spec, actor.resolve(runtime()));
        out().emit(created, out -> {
            TenantView.details(created).render(out);
            out.line("");
            out.line("Created tenant '" + created.slug() + "'. Next: agentctl prompt push --tenant " + created.slug()
                    + " --channel voice --file PROMPT.md");
        });
        return ExitCode.OK;
    }
}
