package io.moked.testsupport;

import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.crm.tenant.TenantSpec;

import java.util.List;

/** Small builders shared by the database tests. */
public final class Fixtures {
    public static final String ACTOR = "test-admin";

    private Fixtures() {
    }

    /** A tenant with one number, everything else from the configured defaults. */
    public static Tenant tenant(TenantService tenants, String slug, String phone) {
        return tenants.create(new TenantSpec(slug, "משרד " + slug, "נועה", null, null, null, null, null, null, null,
                null, null, null, null, null, null, List.of(phone)), ACTOR);
    }
}
