package io.moked.crm.lead.files;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.PostgresTestDb;
import io.moked.testsupport.TestDb;

@MicronautTest(transactional = false)
class LeadImportPostgresTest extends LeadImportContract {
    @Override
    protected TestDb createDb() {
        return new PostgresTestDb();
    }
}
