package io.moked.cli.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.output.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code ./agentctl} launcher against the jar and lib/ that {@code package} built (failsafe, verify
 * phase). Also checks the launcher's rebuild logic in a scratch copy with a stand-in for mvnw.
 */
class LauncherIT {
    private static final long PROCESS_TIMEOUT_S = 120;
    private static final int CDS_TRAINING_POLLS = 180;
    private static final long CDS_POLL_MS = 1_000;
    private static Path root;
    private static Path jar;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locateBuild() {
        root = Path.of(System.getProperty("moked.repo.root", "..")).toAbsolutePath().normalize();
        jar = root.resolve("cli/target/agentctl.jar");
        assertTrue(Files.isExecutable(root.resolve("agentctl")), "no launcher at " + root.resolve("agentctl"));
        assertTrue(Files.isRegularFile(jar), jar + " is not built: run this test in 'verify' (after 'package')");
    }

    @Test
    void helpAnswersFromThePackagedJar() throws Exception {
        long start = System.nanoTime();
        Run run = launch(root, Map.of("MOKED_SKIP_BUILD", "1"), "--help");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Usage: agentctl"), run.out());
        assertTrue(run.err().isEmpty(), "no warnings on stderr: " + run.err());
        System.out.println("./agentctl --help took " + millis + " ms (process start to exit, this machine, now)");
    }

    @Test
    void versionComesFromTheManifest() throws Exception {
        Run run = launch(root, Map.of("MOKED_SKIP_BUILD", "1"), "--version");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("(?s)agentctl \\d+\\.\\d+\\.\\d+.*"), run.out());
    }

    @Test
    void doctorPrintsParseableJsonAgainstAFreshDataDir() throws Exception {
        Path dataDir = tmp.resolve("var");
        Run run = launch(root, Map.of("MOKED_SKIP_BUILD", "1", "MOKED_DATA_DIR", dataDir.toString()),
                "doctor", "--output", "json");
        JsonNode report = Json.mapper().readTree(run.out());
        assertTrue(report.get("checks").isArray(), run.out());
        assertEquals("data-dir", report.get("checks").get(0).get("check").asText());
        assertEquals(report.get("ok").asBoolean() ? 0 : 1, run.exitCode(), run.err());
    }

    @Test
    void tenantCreateFromTheExampleThenListAsJson() throws Exception {
        Map<String, String> env = Map.of("MOKED_SKIP_BUILD", "1", "MOKED_DATA_DIR", tmp.resolve("var").toString());
        Run created = launch(root, env, "tenant", "create", "--from",
                root.resolve("config/examples/tenant.yaml").toString(), "--output", "json");
        assertEquals(0, created.exitCode(), created.err());
        assertEquals("yafo-homes", Json.mapper().readTree(created.out()).get("slug").asText());
        assertTrue(created.err().isEmpty(), "stdout/stderr stay clean of logs: " + created.err());

        Run list = launch(root, env, "tenant", "list", "--output", "json");
        assertEquals(0, list.exitCode(), list.err());
        JsonNode tenants = Json.mapper().readTree(list.out());
        assertEquals(1, tenants.size());
        assertEquals("yafo-homes", tenants.get(0).get("slug").asText());

        Run again = launch(root, env, "tenant", "create", "--from",
                root.resolve("config/examples/tenant.yaml").toString());
        assertEquals(3, again.exitCode(), "conflict: " + again.err());
        assertEquals(1, again.err().strip().lines().count(), again.err());
    }

    @Test
    void javaHomeIsRespected() throws Exception {
        Path jdk25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        assumeTrue(Files.isExecutable(jdk25.resolve("bin/java")), "JDK 25 not installed at " + jdk25);
        Run run = launch(root, Map.of("MOKED_SKIP_BUILD", "1", "JAVA_HOME", jdk25.toString()), "--version");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Java 25"), run.out());
        assertTrue(run.err().isEmpty(), "no native-access warnings on JDK 25: " + run.err());
    }

    /** A scratch repo: the launcher, a fake mvnw that "builds" by linking the real jar, and one source file. */
    @Test
    void rebuildsOnlyWhenMissingOrOlderThanTheSources() throws Exception {
        Path scratch = tmp.resolve("repo");
        Path source = scratch.resolve("cli/src/main/java/Example.java");
        Files.createDirectories(source.getParent());
        Files.createDirectories(scratch.resolve("server/src/main"));
        for (String pom : List.of("pom.xml", "server/pom.xml", "cli/pom.xml")) {
            Files.writeString(scratch.resolve(pom), "<project/>");
        }
        Files.writeString(source, "class Example {}");
        Files.copy(root.resolve("agentctl"), scratch.resolve("agentctl"));
        Path buildLog = scratch.resolve("builds.log");
        Path mvnw = scratch.resolve("mvnw");
        Files.writeString(mvnw, String.join("\n",
                "#!/usr/bin/env bash",
                "echo \"$*\" >> '" + buildLog + "'",
                "mkdir -p cli/target",
                "cp '" + jar + "' cli/target/agentctl.jar",
                "ln -sfn '" + jar.getParent().resolve("lib") + "' cli/target/lib",
                ""));
        assertTrue(mvnw.toFile().setExecutable(true));

        // no class-data-sharing training in the scratch copy: it would run on in the background past this test
        Map<String, String> noCds = Map.of("MOKED_CDS", "0");
        Run first = launch(scratch, noCds, "--version");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.err().contains("building the CLI"), first.err());
        assertEquals(1, builds(buildLog));
        assertTrue(Files.readString(buildLog).contains("-pl cli -am package"), Files.readString(buildLog));

        Run second = launch(scratch, noCds, "--version");
        assertEquals(0, second.exitCode(), second.err());
        assertFalse(second.err().contains("building"), second.err());
        assertEquals(1, builds(buildLog), "up to date: no second build");

        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(60)));
        Run third = launch(scratch, noCds, "--version");
        assertEquals(0, third.exitCode(), third.err());
        assertEquals(2, builds(buildLog), "a newer source triggers a rebuild");

        Files.delete(scratch.resolve("cli/target/agentctl.jar"));
        Run skipped = launch(scratch, Map.of("MOKED_SKIP_BUILD", "1", "MOKED_CDS", "0"), "--version");
        assertEquals(1, skipped.exitCode());
        assertTrue(skipped.err().contains("is not built and MOKED_SKIP_BUILD=1"), skipped.err());
        assertEquals(2, builds(buildLog));
    }

    /** The launcher trains a class-data-sharing archive in the background and then runs with it, silently. */
    @Test
    void classDataSharingArchiveIsTrainedThenUsed() throws Exception {
        Path cds = root.resolve("cli/target/cds");
        Run trigger = launch(root, Map.of("MOKED_SKIP_BUILD", "1"), "--version");
        assertEquals(0, trigger.exitCode(), trigger.err());
        Path archive = null;
        for (int i = 0; i < CDS_TRAINING_POLLS && archive == null; i++) {
            try (var files = Files.list(cds)) {
                archive = files.filter(f -> f.toString().endsWith(".jsa")).findFirst().orElse(null);
            } catch (java.nio.file.NoSuchFileException notYet) {
                // the training run has not created the directory yet
            }
            if (archive == null) {
                Thread.sleep(CDS_POLL_MS);
            }
        }
        assertTrue(archive != null, "no archive in " + cds + " after training");
        Run withArchive = launch(root, Map.of("MOKED_SKIP_BUILD", "1", "MOKED_DATA_DIR", tmp.toString()),
                "tenant", "list", "--output", "json");
        assertEquals(0, withArchive.exitCode(), withArchive.err());
        assertTrue(withArchive.err().isEmpty(), withArchive.err());
        assertEquals("[ ]", withArchive.out().strip());
    }

    private static long builds(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run launch(Path repo, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(repo.resolve("agentctl").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
        // a clean appliance environment: no database or data dir from the developer's shell
        builder.environment().keySet().removeIf(name -> name.startsWith("MOKED_") || name.equals("AGENTCTL_JAVA_OPTS"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(PROCESS_TIMEOUT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("agentctl " + String.join(" ", args) + " did not finish");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
