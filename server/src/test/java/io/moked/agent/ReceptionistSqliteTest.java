package io.moked.agent;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.SqliteTestDb;
import io.moked.testsupport.TestDb;

@MicronautTest(transactional = false)
class ReceptionistSqliteTest extends ReceptionistContract {
    @Override
    protected TestDb createDb() {
        return new SqliteTestDb();
    }
}
