package io.moked.crm.tenant;

import io.micronaut.context.ApplicationContext;

/** Test helper: which per-dialect repository variant the context selected. */
public final class TenantRepositoryInfo {
    private TenantRepositoryInfo() {
    }

    public static String variant(ApplicationContext ctx) {
        TenantRepository repo = ctx.getBean(TenantRepository.class);
        if (repo instanceof TenantRepository.Postgres) {
            return "Postgres";
        }
        return repo instanceof TenantRepository.Sqlite ? "Sqlite" : repo.getClass().getName();
    }
}
