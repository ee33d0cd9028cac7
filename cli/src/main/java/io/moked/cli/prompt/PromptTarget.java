package io.moked.cli.prompt;

import io.moked.cli.CliRuntime;
import io.moked.cli.TenantOption;
import io.moked.crm.prompt.Channel;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --tenant SLUG [--channel voice]}: which prompt a prompt command works on. */
final class PromptTarget {
    @Mixin
    TenantOption tenantOption;

    @Option(names = {"-c", "--channel"}, defaultValue = "voice", paramLabel = "CHANNEL",
            description = "voice (default), whatsapp, sms or chat.")
    Channel channel;

    /** The tenant; not found is exit 3. */
    Tenant tenant(CliRuntime runtime) {
        return runtime.bean(TenantService.class).get(tenantOption.slug());
    }
}
