package io.moked.cli.tenant;

import io.moked.cli.CommandGroup;
import picocli.CommandLine.Command;

@Command(name = "tenant", description = "Tenants (businesses): create, list, show, update, phone numbers, Twilio.",
        subcommands = {
            TenantCreateCommand.class,
            TenantListCommand.class,
            TenantShowCommand.class,
            TenantUpdateCommand.class,
            TenantAddNumberCommand.class,
            TenantRemoveNumberCommand.class,
            TenantSetTwilioCommand.class,
        })
public final class TenantCommand extends CommandGroup {
}
