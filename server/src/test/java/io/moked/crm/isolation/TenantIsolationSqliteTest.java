package io.moked.crm.isolation;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.SqliteTestDb;
import io.moked.testsupport.TestDb;

@MicronautTest(transactional = false)
class TenantIsolationSqliteTest extends TenantIsolationContract {
    @Override
    protected TestDb createDb() {
        return new SqliteTestDb();
    }
}
