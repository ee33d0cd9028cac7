package io.moked.agent;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.PostgresTestDb;
import io.moked.testsupport.TestDb;

@MicronautTest(transactional = false)
class ReceptionistPostgresTest extends ReceptionistContract {
    @Override
    protected TestDb createDb() {
        return new PostgresTestDb();
    }
}
