package io.moked.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import io.moked.config.MokedConfig;
import io.moked.db.MigrationService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings file (MOKED_CONFIG, /etc/moked/moked.yml when installed) gives agentctl's local lookups and its
 * application context the same values as the appliance; environment variables and options override it.
 */
class SettingsFileTest {
    @TempDir
    Path tmp;

    private Path settings(String dataDir) throws Exception {
        return Files.writeString(tmp.resolve("moked.yml"), "# site settings\nmoked:\n  data-dir: " + dataDir
                + "\n  call:\n    recordings-dir: " + tmp.resolve("rec") + "\n");
    }

    @Test
    void theFileSetsTheDataDirForLocalLookupsAndForTheContext() throws Exception {
        Path dataDir = tmp.resolve("from-file");
        try (CliRun cli = new CliRun(CliRuntime.builder().env("MOKED_CONFIG", settings(dataDir.toString()).toString())
                .env("USER", "test-admin").build())) {
            assertEquals(dataDir, cli.runtime().dataDir());
            assertEquals(tmp.resolve("rec").toString(), cli.runtime().setting("moked.call.recordings-dir"));
            assertEquals(dataDir, cli.runtime().bean(MokedConfig.class).dataDir());
            assertTrue(cli.runtime().bean(MigrationService.class).target().jdbcUrl()
                    .startsWith("jdbc:sqlite:" + dataDir.resolve("moked.db")));
        }
    }

    @Test
    void environmentVariablesAndOptionsOverrideTheFile() throws Exception {
        Path fromEnv = tmp.resolve("from-env");
        Path fromOption = tmp.resolve("from-option");
        Path file = settings(tmp.resolve("from-file").toString());
        CliRuntime envWins = CliRuntime.builder().settingsFile(file).env("MOKED_DATA_DIR", fromEnv.toString()).build();
        assertEquals(fromEnv, envWins.dataDir());
        assertEquals(java.util.Map.of("moked.call.recordings-dir", tmp.resolve("rec").toString()),
                envWins.localProperties(), "the file's data-dir is shadowed by MOKED_DATA_DIR");
        CliRuntime optionWins = CliRuntime.builder().settingsFile(file).env("MOKED_DATA_DIR", fromEnv.toString())
                .property(CliRuntime.DATA_DIR_PROPERTY, fromOption.toString()).build();
        assertEquals(fromOption, optionWins.dataDir());
    }

    @Test
    void aMissingFileIsAClearErrorButHelpStillWorks() {
        Path missing = tmp.resolve("nope.yml");
        try (CliRun cli = new CliRun(CliRuntime.builder().settingsFile(missing).build())) {
            assertEquals(ExitCode.OK, cli.run("--version").exitCode());
            CliRun.Result result = cli.run("db", "status");
            assertEquals(ExitCode.USAGE, result.exitCode());
            assertTrue(result.errLine().contains("settings file " + missing + " (MOKED_CONFIG) does not exist"),
                    result.err());
        }
    }
}
