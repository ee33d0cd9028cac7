package io.moked.cli;

import io.moked.cli.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11 item 11: what an admin feeds agentctl is bounded, validated and never reaches the terminal raw. */
class CliInputHardeningTest {
    @TempDir
    Path tmp;

    @Test
    void anEndlessPromptFileIsRefusedWithoutReadingItAll() {
        try (TestDatabase db = TestDatabase.sqlite(); CliRun cli = CliRun.on(db)) {
            cli.ok("tenant", "create", "--slug", "zero-co", "--business-name", "Zero", "--assistant-name", "Noa");
            CliRun.Result result = cli.run("prompt", "push", "--tenant", "zero-co", "--file", "/dev/zero");
            assertEquals(ExitCode.USAGE, result.exitCode(), result.err());
            assertTrue(result.errLine().contains("larger than"), result.err());
        }
    }

    @Test
    void controlAndBidiCharactersInNamesAreRefusedAndNeverPrintedRaw() {
        try (TestDatabase db = TestDatabase.sqlite(); CliRun cli = CliRun.on(db)) {
            for (String name : new String[]{"Evil\u001b[2J", "Two\nLines", "Rev\u202Eersed"}) {
                CliRun.Result result = cli.run("tenant", "create", "--slug", "bad-co", "--business-name", name,
                        "--assistant-name", "Noa");
                assertEquals(ExitCode.USAGE, result.exitCode(), result.err());
                assertTrue(result.err().contains("control or bidi-control"), result.err());
                assertNoTerminalControl(result);
            }
            CliRun.Result slug = cli.run("tenant", "show", "--tenant", "x\u001b]0;owned\u0007");
            assertNoTerminalControl(slug);
            assertFalse(cli.run("tenant", "list", "-o", "json").out().contains("bad-co"), "nothing stored");
        }
    }

    @Test
    void aYamlFileWithADuplicateKeyIsRefused() throws Exception {
        Path yaml = Files.writeString(tmp.resolve("dup.yaml"), "slug: dup-co\nbusiness-name: First\n"
                + "assistant-name: Noa\nbusiness-name: Second\n", StandardCharsets.UTF_8);
        try (TestDatabase db = TestDatabase.sqlite(); CliRun cli = CliRun.on(db)) {
            CliRun.Result result = cli.run("tenant", "create", "--from", yaml.toString());
            assertEquals(ExitCode.USAGE, result.exitCode(), result.err() + result.out());
            assertTrue(result.err().toLowerCase().contains("duplicate"), result.err());
        }
    }

    @Test
    void aPromptWithNulIsAUsageErrorOnSqlite() throws Exception {
        nulPromptIsRefused(TestDatabase.sqlite());
    }

    @Test
    void aPromptWithNulIsAUsageErrorOnPostgres() throws Exception {
        nulPromptIsRefused(TestDatabase.postgres());
    }

    private void nulPromptIsRefused(TestDatabase database) throws Exception {
        Path prompt = Files.writeString(tmp.resolve("nul.md"), "את {{assistant_name}}.\u0000 hidden",
                StandardCharsets.UTF_8);
        try (TestDatabase db = database; CliRun cli = CliRun.on(db)) {
            cli.ok("tenant", "create", "--slug", "nul-co", "--business-name", "Nul", "--assistant-name", "Noa");
            CliRun.Result result = cli.run("prompt", "push", "--tenant", "nul-co", "--file", prompt.toString());
            assertEquals(ExitCode.USAGE, result.exitCode(), db.kind() + ": " + result.err());
            assertTrue(result.err().contains("U+0000"), result.err());
        }
    }

    @Test
    void setTwilioRefusesAFileThatIsNotAnAuthTokenWithoutEchoingIt() throws Exception {
        try (TestDatabase db = TestDatabase.sqlite(); CliRun cli = CliRun.on(db)) {
            cli.ok("tenant", "create", "--slug", "tw-co", "--business-name", "Tw", "--assistant-name", "Noa");
            for (String content : new String[]{"not-a-token-secret-words", "f00dfeedc0ffee99f00dfeedc0ffee9",
                    "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"}) {
                Path file = Files.writeString(tmp.resolve("token"), content, StandardCharsets.UTF_8);
                CliRun.Result result = cli.run("tenant", "set-twilio", "--tenant", "tw-co", "--account-sid",
                        "AC0123456789abcdef0123456789abcdef", "--auth-token-file", file.toString());
                assertEquals(ExitCode.USAGE, result.exitCode(), result.err());
                assertTrue(result.err().contains("32 hexadecimal"), result.err());
                assertFalse(result.err().contains(content.lines().findFirst().orElseThrow()), "echoed the file");
            }
            Path good = Files.writeString(tmp.resolve("good"), "f00dfeedc0ffee99f00dfeedc0ffee99\n");
            cli.ok("tenant", "set-twilio", "--tenant", "tw-co", "--account-sid", "AC0123456789abcdef0123456789abcdef",
                    "--auth-token-file", good.toString());
        }
    }

    @Test
    void doctorReportsAMissingDataDirectoryWithoutCreatingIt() {
        Path missing = tmp.resolve("not-there");
        try (CliRun cli = CliRun.sqlite(missing)) {
            CliRun.Result result = cli.run("doctor", "-o", "json");
            assertEquals(ExitCode.FAILURE, result.exitCode(), result.err());
            assertTrue(result.out().contains("does not exist"), result.out());
        }
        assertFalse(Files.exists(missing), "doctor created the data directory (and a database)");
    }

    private static void assertNoTerminalControl(CliRun.Result result) {
        for (String text : new String[]{result.out(), result.err()}) {
            assertFalse(text.contains("\u001b") || text.contains("\u202E") || text.contains("\u0007"),
                    "raw control character reached the terminal: " + text);
        }
    }
}
