package io.moked.db;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.PostgresTestDb;
import io.moked.testsupport.TestDb;

@MicronautTest(transactional = false)
class ConcurrentWritesPostgresTest extends ConcurrentWritesContract {
    @Override
    protected TestDb createDb() {
        return new PostgresTestDb();
    }
}
