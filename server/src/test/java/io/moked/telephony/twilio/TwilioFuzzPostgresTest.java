package io.moked.telephony.twilio;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.PostgresTestDb;
import io.moked.testsupport.TestDb;

@MicronautTest(transactional = false)
class TwilioFuzzPostgresTest extends TwilioFuzzContract {
    @Override
    protected TestDb createDb() {
        return new PostgresTestDb();
    }
}
