package io.moked.crm.lead;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.PostgresTestDb;
import io.moked.testsupport.TestDb;

@MicronautTest(transactional = false)
class LeadAdminPostgresTest extends LeadAdminContract {
    @Override
    protected TestDb createDb() {
        return new PostgresTestDb();
    }
}
