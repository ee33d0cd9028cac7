package io.moked.cli.testsupport;

import io.moked.cli.sim.SharedData;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;

/**
 * JUnit Platform listener (registered in META-INF/services): collects the tests skipped because the shared test
 * assets are missing ({@link SharedData}) and, when the run ends, writes one summary line to
 * {@code target/shared-assets-skipped.txt} (and the test output). {@code scripts/test} prints that line per module,
 * so a plain clone says which tests did not run and why instead of failing with stack traces.
 */
public final class SharedAssetsSummary implements TestExecutionListener {
    /** Where the line goes, relative to the module directory (surefire's working directory). */
    public static final Path SUMMARY_FILE = Path.of("target", "shared-assets-skipped.txt");

    private final Set<String> skipped = new TreeSet<>();
    private final Path summaryFile;
    private String reason;

    public SharedAssetsSummary() {
        this(SUMMARY_FILE);
    }

    public SharedAssetsSummary(Path summaryFile) {
        this.summaryFile = summaryFile;
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() != TestExecutionResult.Status.ABORTED) {
            return;
        }
        result.getThrowable()
                .map(Throwable::getMessage)
                .filter(m -> m != null && m.startsWith(SharedData.MISSING_PREFIX))
                .ifPresent(m -> record(className(test), m));
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (skipped.isEmpty()) {
            return;
        }
        String line = line();
        System.out.println("[WARNING] " + line);
        try {
            if (summaryFile.getParent() != null) {
                Files.createDirectories(summaryFile.getParent());
            }
            Files.writeString(summaryFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + summaryFile, e);
        }
    }

    /** The summary: how many classes, which, and the first reason (where the assets were looked for). */
    synchronized String line() {
        return skipped.isEmpty() ? "" : Path.of("").toAbsolutePath().getFileName() + ": SKIPPED " + skipped.size()
                + " test class(es) that need the shared test assets (real models, Hebrew audio; README 'Test assets'): "
                + String.join(", ", skipped) + " -- " + reason + ". With CI=true they fail instead.";
    }

    private synchronized void record(String className, String message) {
        skipped.add(className);
        reason = reason == null ? message : reason;
    }

    private static String className(TestIdentifier test) {
        String name = test.getSource()
                .map(s -> s instanceof MethodSource m ? m.getClassName()
                        : s instanceof ClassSource c ? c.getClassName() : test.getDisplayName())
                .orElse(test.getDisplayName());
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
