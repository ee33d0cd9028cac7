package io.moked.crm.prompt;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.PostgresTestDb;
import io.moked.testsupport.TestDb;

@MicronautTest(transactional = false)
class PromptServicePostgresTest extends PromptServiceContract {
    @Override
    protected TestDb createDb() {
        return new PostgresTestDb();
    }
}
