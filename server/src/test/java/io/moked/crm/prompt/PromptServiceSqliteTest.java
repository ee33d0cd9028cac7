package io.moked.crm.prompt;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.SqliteTestDb;
import io.moked.testsupport.TestDb;

@MicronautTest(transactional = false)
class PromptServiceSqliteTest extends PromptServiceContract {
    @Override
    protected TestDb createDb() {
        return new SqliteTestDb();
    }
}
