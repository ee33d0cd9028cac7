package io.moked.crm.meeting;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.PostgresTestDb;
import io.moked.testsupport.TestDb;

@MicronautTest(transactional = false)
class BookingPostgresTest extends BookingContract {
    @Override
    protected TestDb createDb() {
        return new PostgresTestDb();
    }
}
