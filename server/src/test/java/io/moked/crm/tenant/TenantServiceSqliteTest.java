package io.moked.crm.tenant;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.SqliteTestDb;
import io.moked.testsupport.TestDb;

@MicronautTest(transactional = false)
class TenantServiceSqliteTest extends TenantServiceContract {
    @Override
    protected TestDb createDb() {
        return new SqliteTestDb();
    }
}
