package io.moked.telephony.twilio;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.SqliteTestDb;
import io.moked.testsupport.TestDb;

@MicronautTest(transactional = false)
class TwilioFuzzSqliteTest extends TwilioFuzzContract {
    @Override
    protected TestDb createDb() {
        return new SqliteTestDb();
    }
}
