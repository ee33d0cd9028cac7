package io.moked.crm.lead.files;

import io.moked.bench.LeadImportBench;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 100,000-row CSV (13 MB, about 100 MB as Java objects if held at once) imports into SQLite in a JVM limited to
 * a 48 MB heap, of which the application context takes about 23 MB: an import that kept rows, outcomes or the file
 * in memory dies with OutOfMemoryError here. Runs {@link LeadImportBench} in a child JVM (C1 and the serial GC,
 * about 25 s of CPU); the rows-per-second numbers are the benchmark's business (scripts/bench/lead-import.sh).
 */
class LeadImportMemoryTest {
    private static final int ROWS = 100_000;
    private static final String HEAP = "-Xmx48m";
    /** Only so a wedged child cannot hang the build; not a speed assertion. */
    private static final long GIVE_UP_MINUTES = 10;

    @TempDir
    Path dir;

    @Test
    void aHundredThousandRowsImportInASmallFixedHeap() throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + dir, "-cp", classpath,
                LeadImportBench.class.getName(), "--rows", Integer.toString(ROWS), "--no-rerun")
                .redirectErrorStream(true).redirectOutput(log.toFile()).directory(new File(".")).start();
        boolean finished = child.waitFor(GIVE_UP_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            child.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(finished, "the import did not finish in " + GIVE_UP_MINUTES + " minutes:\n" + tail(output));
        assertEquals(0, child.exitValue(), "the import failed (out of memory?):\n" + tail(output));
        assertTrue(output.contains("-Xmx 4"), "ran with the small heap:\n" + tail(output));
        // every 100th row repeats an earlier phone, every 100th+7 has an invalid one (LeadImportBench.generate)
        assertTrue(output.contains("read 100000 created 98001 updated 0 unchanged 0 skipped 999 rejected 1000"),
                tail(output));
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
