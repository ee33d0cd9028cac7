package io.moked.crm.meeting;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.SqliteTestDb;
import io.moked.testsupport.TestDb;

@MicronautTest(transactional = false)
class BookingSqliteTest extends BookingContract {
    @Override
    protected TestDb createDb() {
        return new SqliteTestDb();
    }
}
