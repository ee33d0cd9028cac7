package io.moked.db;

import io.moked.testsupport.PostgresTestDb;
import io.moked.testsupport.TestDb;

class SchemaUpgradePostgresTest extends SchemaUpgradeContract {
    @Override
    protected TestDb newDb() {
        return new PostgresTestDb();
    }
}
