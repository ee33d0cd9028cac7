package io.moked.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * A newcomer's clone has no shared/ folder: a test that needs the real assets is skipped with one summary line
 * naming it and saying why, and with CI=true (here forced with moked.shared.mandatory) it fails instead.
 */
class SharedAssetsSummaryTest {
    @TempDir
    Path tmp;

    @AfterEach
    void restore() {
        System.clearProperty("moked.shared.dir");
        System.clearProperty(SharedDir.MANDATORY_PROPERTY);
    }

    @Test
    void withoutTheAssetsTheTestIsSkippedAndSummedUpInOneLine() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty-shared"));
        Path summaryFile = tmp.resolve("summary.txt");

        TestExecutionSummary result = runFixture(empty, false, summaryFile);

        assertEquals(1, result.getTestsAbortedCount(), "skipped, not failed");
        assertEquals(0, result.getTotalFailureCount());
        String line = Files.readString(summaryFile).strip();
        assertFalse(line.contains("\n"), "one line: " + line);
        assertTrue(line.contains("SKIPPED 1 test class(es)"), line);
        assertTrue(line.contains("SharedAssetsFixture"), line);
        assertTrue(line.contains(empty.resolve("models/silero_vad_v6.2.onnx").toString()), "says why: " + line);
    }

    @Test
    void onCiTheAssetsAreMandatory() throws Exception {
        Path summaryFile = tmp.resolve("summary.txt");

        TestExecutionSummary result = runFixture(Files.createDirectories(tmp.resolve("empty-shared")), true,
                summaryFile);

        assertEquals(1, result.getTotalFailureCount());
        assertEquals(0, result.getTestsAbortedCount());
        assertTrue(result.getFailures().get(0).getException().getMessage().startsWith(SharedDir.MISSING_PREFIX));
        assertFalse(Files.exists(summaryFile), "nothing was skipped");
    }

    private static TestExecutionSummary runFixture(Path sharedDir, boolean mandatory, Path summaryFile) {
        System.setProperty("moked.shared.dir", sharedDir.toString());
        System.setProperty(SharedDir.MANDATORY_PROPERTY, Boolean.toString(mandatory));
        // no auto-registered listeners: the module's own summary file must not get the fixture's line
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        SummaryGeneratingListener counts = new SummaryGeneratingListener();
        launcher.execute(request().selectors(selectClass(SharedAssetsFixture.class)).build(), counts,
                new SharedAssetsSummary(summaryFile));
        return counts.getSummary();
    }
}
