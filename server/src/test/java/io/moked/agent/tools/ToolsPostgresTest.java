package io.moked.agent.tools;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.PostgresTestDb;
import io.moked.testsupport.TestDb;

@MicronautTest(transactional = false)
class ToolsPostgresTest extends ToolsContract {
    @Override
    protected TestDb createDb() {
        return new PostgresTestDb();
    }
}
