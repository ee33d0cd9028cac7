package io.moked.crm.isolation;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.PostgresTestDb;
import io.moked.testsupport.TestDb;

@MicronautTest(transactional = false)
class TenantIsolationPostgresTest extends TenantIsolationContract {
    @Override
    protected TestDb createDb() {
        return new PostgresTestDb();
    }
}
