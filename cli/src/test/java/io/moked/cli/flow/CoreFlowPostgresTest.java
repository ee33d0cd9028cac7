package io.moked.cli.flow;

import io.moked.cli.testsupport.TestDatabase;

class CoreFlowPostgresTest extends CoreFlowContract {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
