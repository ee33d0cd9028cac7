package io.moked.crm.tenant;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.PostgresTestDb;
import io.moked.testsupport.TestDb;

@MicronautTest(transactional = false)
class TenantServicePostgresTest extends TenantServiceContract {
    @Override
    protected TestDb createDb() {
        return new PostgresTestDb();
    }
}
