package io.moked.crm.call;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.SqliteTestDb;
import io.moked.testsupport.TestDb;

@MicronautTest(transactional = false)
class CallServiceSqliteTest extends CallServiceContract {
    @Override
    protected TestDb createDb() {
        return new SqliteTestDb();
    }
}
