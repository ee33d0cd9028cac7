package io.moked.cli.call;

import io.moked.cli.CliRuntime;
import io.moked.cli.TenantOption;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import picocli.CommandLine.Mixin;

/** {@code --tenant SLUG}: whose calls a call command reads. A call of another tenant is not found (exit 3). */
final class CallTarget {
    @Mixin
    TenantOption tenantOption;

    /** The tenant; not found is exit 3. */
    Tenant tenant(CliRuntime runtime) {
        return runtime.bean(TenantService.class).get(tenantOption.slug());
    }
}
