package io.moked.cli.flow;

import io.moked.cli.testsupport.TestDatabase;

class CoreFlowSqliteTest extends CoreFlowContract {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.sqlite();
    }
}
