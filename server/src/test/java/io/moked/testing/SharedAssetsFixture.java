package io.moked.testing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Run only by {@link SharedAssetsSummaryTest} through the JUnit launcher (its name keeps surefire away): a test
 * that needs a shared asset, as the real model and audio tests do.
 */
class SharedAssetsFixture {
    @Test
    void needsTheRealVadModel() {
        assertNotNull(SharedDir.sileroVadModel());
    }
}
