package io.moked.crm.lead.files;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.SqliteTestDb;
import io.moked.testsupport.TestDb;

@MicronautTest(transactional = false)
class LeadImportSqliteTest extends LeadImportContract {
    @Override
    protected TestDb createDb() {
        return new SqliteTestDb();
    }
}
