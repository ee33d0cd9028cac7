package io.moked.cli.lead;

import io.moked.cli.CliRuntime;
import io.moked.cli.TenantOption;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import picocli.CommandLine.Mixin;

/** {@code --tenant SLUG}: the tenant whose leads a lead command works on. */
final class LeadTarget {
    @Mixin
    TenantOption tenantOption;

    /** The tenant; not found is exit 3. */
    Tenant tenant(CliRuntime runtime) {
        return runtime.bean(TenantService.class).get(tenantOption.slug());
    }
}
