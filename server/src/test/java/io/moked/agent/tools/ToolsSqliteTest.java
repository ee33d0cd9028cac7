package io.moked.agent.tools;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.moked.testsupport.SqliteTestDb;
import io.moked.testsupport.TestDb;

@MicronautTest(transactional = false)
class ToolsSqliteTest extends ToolsContract {
    @Override
    protected TestDb createDb() {
        return new SqliteTestDb();
    }
}
