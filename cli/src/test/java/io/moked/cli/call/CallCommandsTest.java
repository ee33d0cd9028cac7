package io.moked.cli.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.cli.CliRun;
import io.moked.cli.CliRuntime;
import io.moked.cli.ExitCode;
import io.moked.cli.testsupport.TestDatabase;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallOutcome;
import io.moked.crm.call.CallStatus;
import io.moked.crm.tenant.Tenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * agentctl call list/show/replay in-process on SQLite, on calls written through the appliance's services: output
 * snapshots with bidi on (visual order, a terminal that does not do bidi) and off, JSON shape, replay pacing on a
 * fake clock, tenant isolation and exit codes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallCommandsTest {
    private static final long NANOS_PER_MS = 1_000_000L;
    /** Set to a directory to (re)write the snapshots there instead of comparing. */
    private static final String UPDATE = System.getProperty("moked.snapshots.update");

    private TestDatabase database;
    private CliRun cli;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<Long> sleeps = new ArrayList<>();
    private Call call;
    private Call otherTenantsCall;

    @TempDir
    Path dir;

    @BeforeAll
    void start() throws IOException {
        database = TestDatabase.sqlite();
        CliRuntime.Builder builder = CliRuntime.builder().env("USER", "test-admin").env("TERM", "xterm-256color")
                .env("PATH", "").terminal(true, false).terminalWidth(() -> 100)
                .nanoClock(nanos::get)
                .sleeper(n -> {
                    sleeps.add(n);
                    nanos.addAndGet(n);
                });
        database.properties().forEach(builder::property);
        cli = new CliRun(builder.build());
        Tenant homes = RecordedCalls.tenant(cli, "calls-homes", "03-555-0100");
        // relative to the module: a path of fixed length, so the snapshots do not depend on a temp dir
        call = RecordedCalls.hebrewCall(cli, homes, RecordedCalls.SID, Path.of("target", "call-recordings"));
        Tenant other = RecordedCalls.tenant(cli, "calls-other", "03-555-0200");
        otherTenantsCall = RecordedCalls.plainCall(cli, other, "CAother0000000000000000000000000001", "+972525559999",
                RecordedCalls.STARTED, CallStatus.COMPLETED, null);
        RecordedCalls.plainCall(cli, homes, "CAmissed000000000000000000000000001", "+972545550001",
                RecordedCalls.STARTED.plusSeconds(3600), CallStatus.NO_ANSWER, null);
        RecordedCalls.plainCall(cli, homes, "CAspam00000000000000000000000000001", "+972545550002",
                RecordedCalls.STARTED.plusSeconds(7200), CallStatus.COMPLETED, CallOutcome.SPAM);
    }

    @AfterAll
    void stop() {
        cli.close();
        database.close();
    }

    @BeforeEach
    void clearSleeps() {
        sleeps.clear();
    }

    @Test
    void showPrintsTheTimelineInVisualOrderForATerminalWithoutBidi() throws IOException {
        String out = cli.ok("call", "show", "--tenant", "calls-homes", RecordedCalls.SID, "--bidi", "reorder").out();
        snapshot("show-bidi.txt", out);
    }

    @Test
    void showWithBidiOffKeepsLogicalOrder() throws IOException {
        String out = cli.ok("call", "show", "--tenant", "calls-homes", Long.toString(call.id()), "--bidi", "none")
                .out();
        snapshot("show-logical.txt", out);
    }

    @Test
    void aReplyResumedAfterAFalseInterruptionIsMarked() {
        // a tenant of its own: the other tests list calls-homes' calls
        Tenant homes = RecordedCalls.tenant(cli, "calls-cough", "03-555-0400");
        io.moked.crm.call.CallService calls = cli.runtime().bean(io.moked.crm.call.CallService.class);
        Call coughed = RecordedCalls.plainCall(cli, homes, "CAcough00000000000000000000000000001", "+972545550003",
                RecordedCalls.STARTED.plusSeconds(10_800), CallStatus.COMPLETED, null);
        calls.appendTurn(homes, coughed.id(), io.moked.crm.call.NewTurn.assistant("יש לנו שלוש דירות.", 0, 900,
                true, 600));
        calls.appendTurn(homes, coughed.id(), io.moked.crm.call.NewTurn.user("אהה", 900, 1300, 0.4));
        calls.appendTurn(homes, coughed.id(), io.moked.crm.call.NewTurn.assistant("יש לנו שלוש דירות.", 1500,
                3000, false, 200, null, true));

        String out = cli.ok("call", "show", "--tenant", "calls-cough", coughed.callSid(), "--bidi", "none").out();
        assertEquals(1, out.lines().filter(l -> l.contains("RESUMED after a false interruption")).count(), out);
        JsonNode turns = cli.ok("call", "show", "--tenant", "calls-cough", coughed.callSid(), "-o", "json").json()
                .get("turns");
        assertFalse(turns.get(0).get("resumed").asBoolean());
        assertTrue(turns.get(2).get("resumed").asBoolean(), turns.toString());
    }

    @Test
    void showAsJsonGivesTheScriptInterface() {
        JsonNode json = cli.ok("call", "show", "--tenant", "calls-homes", RecordedCalls.SID, "-o", "json").json();
        assertEquals(RecordedCalls.SID, json.get("callSid").asText());
        assertEquals("completed", json.get("status").asText());
        assertEquals(14000, json.get("durationMs").asLong());
        assertEquals("booked", json.get("outcome").asText());
        assertEquals("דנה כהן", json.get("lead").get("name").asText());
        assertEquals(1, json.get("prompt").get("version").asInt());
        assertTrue(json.get("prompt").get("activeNow").asBoolean());
        JsonNode turns = json.get("turns");
        assertEquals(6, turns.size());
        assertEquals(List.of("agent", "caller", "agent", "caller", "tool", "agent"),
                List.of(turns.findValuesAsText("role").toArray()));
        JsonNode slow = turns.get(2);
        assertEquals(6212, slow.get("atMs").asLong());
        assertTrue(slow.get("interrupted").asBoolean());
        assertEquals(812, slow.get("latencyMs").asInt());
        assertEquals(450, slow.get("stages").get("llmFirstTokenMs").asInt());
        assertEquals(0.62, turns.get(1).get("sttConfidence").asDouble());
        JsonNode tool = turns.get(4).get("tool");
        assertEquals("book_viewing", tool.get("name").asText());
        assertEquals("2026-03-03T10:00", tool.get("arguments").get("when").asText());
        assertTrue(tool.get("result").get("booked").asBoolean());
        assertTrue(turns.get(0).get("tool").isNull(), "only tool turns carry a tool call");
    }

    @Test
    void anotherTenantsCallIsNotFound() {
        for (String ref : List.of(otherTenantsCall.callSid(), Long.toString(otherTenantsCall.id()))) {
            CliRun.Result show = cli.run("call", "show", "--tenant", "calls-homes", ref);
            assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, show.exitCode(), show.err());
            assertTrue(show.errLine().contains("not found"), show.err());
            assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, cli.run("call", "replay", "--tenant", "calls-homes", ref).exitCode());
        }
        JsonNode listed = cli.ok("call", "list", "--tenant", "calls-homes", "-o", "json").json();
        assertFalse(listed.toString().contains(otherTenantsCall.callSid()));
    }

    @Test
    void unknownCallIsExit3AndBadOptionsExit2() {
        CliRun.Result missing = cli.run("call", "show", "--tenant", "calls-homes", "CAnope");
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, missing.exitCode());
        assertEquals("error: call not found: CAnope", missing.errLine());
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, cli.run("call", "show", "--tenant", "calls-homes", "999999").exitCode());
        assertEquals(ExitCode.USAGE, cli.run("call", "replay", "--tenant", "calls-homes", RecordedCalls.SID,
                "--speed", "0").exitCode());
        assertEquals(ExitCode.USAGE, cli.run("call", "list", "--tenant", "calls-homes", "--outcome", "great")
                .exitCode());
        assertEquals(ExitCode.USAGE, cli.run("call", "list", "--tenant", "calls-homes", "--after", "x").exitCode());
    }

    @Test
    void listFiltersAndPages() {
        JsonNode all = cli.ok("call", "list", "--tenant", "calls-homes", "-o", "json").json();
        assertEquals(List.of("CAspam00000000000000000000000000001", "CAmissed000000000000000000000000001",
                RecordedCalls.SID), List.of(all.get("calls").findValuesAsText("callSid").toArray()));
        assertTrue(all.get("next").isNull());

        JsonNode first = cli.ok("call", "list", "--tenant", "calls-homes", "--limit", "2", "-o", "json").json();
        assertEquals(2, first.get("calls").size());
        JsonNode second = cli.ok("call", "list", "--tenant", "calls-homes", "--limit", "2", "--after",
                first.get("next").asText(), "-o", "json").json();
        assertEquals(List.of(RecordedCalls.SID), List.of(second.get("calls").findValuesAsText("callSid").toArray()));
        assertTrue(second.get("next").isNull());

        assertSids(List.of("CAmissed000000000000000000000000001"), "--status", "no-answer");
        assertSids(List.of("CAspam00000000000000000000000000001"), "--outcome", "spam");
        assertSids(List.of(RecordedCalls.SID), "--lead", "052-555-1234");
        assertSids(List.of("CAspam00000000000000000000000000001"), "--since", "2026-03-02T12:00");
        assertSids(List.of(), "--lead", "050-000-0000");

        String table = cli.ok("call", "list", "--tenant", "calls-homes", "--limit", "2").out();
        assertTrue(table.lines().findFirst().orElseThrow().startsWith("ID  CALL SID"), table);
        assertTrue(table.contains("no-answer"), table);
        String more = cli.ok("call", "list", "--tenant", "calls-homes", "--limit", "2").err();
        assertTrue(more.startsWith("More calls: add --after "), more);
    }

    @Test
    void pagesThroughCallsStartedAtTheSameInstantOnSqlite() {
        Tenant ties = RecordedCalls.tenant(cli, "calls-ties", "03-555-0300");
        List<String> sids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            sids.add(0, RecordedCalls.plainCall(cli, ties, "CAtie" + i + "0".repeat(29), "+97254555010" + i,
                    RecordedCalls.STARTED, CallStatus.COMPLETED, null).callSid());
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            List<String> args = new ArrayList<>(List.of("call", "list", "--tenant", "calls-ties", "--limit", "1",
                    "-o", "json"));
            if (after != null) {
                args.addAll(List.of("--after", after));
            }
            JsonNode page = cli.ok(args.toArray(String[]::new)).json();
            page.get("calls").forEach(c -> seen.add(c.get("callSid").asText()));
            after = page.get("next").isNull() ? null : page.get("next").asText();
        } while (after != null && seen.size() < 10);
        assertEquals(sids, seen, "newest id first, each once");
    }

    @Test
    void replayPacesTheTurnsByTheCallsTimingScaledBySpeed() throws IOException {
        CliRun.Result r = cli.ok("call", "replay", "--tenant", "calls-homes", RecordedCalls.SID, "--speed", "2",
                "--bidi", "none");
        long[] expected = new long[RecordedCalls.EVENT_MS.length];
        long[] slept = new long[RecordedCalls.EVENT_MS.length];
        // the clock at each event: the replay starts at the call's offset 0 and waits only for what is due
        long startMs = 1000;
        long now = startMs;
        int s = 0;
        for (int i = 0; i < expected.length; i++) {
            expected[i] = startMs + RecordedCalls.EVENT_MS[i] / 2;
            if (expected[i] > now) {
                now += sleeps.get(s++) / NANOS_PER_MS;
            }
            slept[i] = now;
        }
        assertArrayEquals(expected, slept, "events printed at their offset / 2: " + sleeps);
        assertEquals(s, sleeps.size(), "no other waits");
        assertEquals(5700, sleeps.stream().mapToLong(Long::longValue).sum() / NANOS_PER_MS);
        snapshot("replay-logical.txt", r.out());
        assertTrue(r.err().isEmpty(), r.err());
    }

    @Test
    void replayAtDefaultSpeedTakesTheCallsOwnTimeAndShowsBidi() throws IOException {
        CliRun.Result r = cli.ok("call", "replay", "--tenant", "calls-homes", RecordedCalls.SID, "--bidi", "reorder");
        assertEquals(11400, sleeps.stream().mapToLong(Long::longValue).sum() / NANOS_PER_MS);
        snapshot("replay-bidi.txt", r.out());
    }

    @Test
    void replayWritesTheRecordingAndSaysWhenNoPlayerIsFound() throws IOException {
        Path wav = dir.resolve("out/call.wav");
        CliRun.Result r = cli.ok("call", "replay", "--tenant", "calls-homes", RecordedCalls.SID, "--speed", "100",
                "--play", "--audio-out", wav.toString(), "-o", "json");
        assertArrayEquals(Files.readAllBytes(Path.of(call.recordingPath())), Files.readAllBytes(wav));
        assertTrue(r.err().contains("--play: no audio player found on the PATH (looked for aplay, paplay, ffplay, "
                + "afplay, play)"), r.err());
        JsonNode json = r.json();
        assertTrue(json.get("player").isNull());
        assertEquals(wav.toString(), json.get("audioOut").asText());
        assertEquals(RecordedCalls.SID, json.get("call").get("callSid").asText());
        assertTrue(r.err().contains("✂ the caller cut the agent off (turn 3)"), "turns go to stderr in JSON mode");
    }

    @Test
    void replayPlaysThroughTheFirstPlayerFoundAndPacesToIt() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("played.txt");
        Path aplay = Files.writeString(bin.resolve("aplay"), "#!/bin/sh\necho \"$@\" > " + log + "\n");
        Files.setPosixFilePermissions(aplay, PosixFilePermissions.fromString("rwxr-xr-x"));
        CliRuntime.Builder builder = CliRuntime.builder().env("USER", "test-admin").env("PATH", bin.toString())
                .nanoClock(nanos::get).sleeper(n -> {
                    sleeps.add(n);
                    nanos.addAndGet(n);
                });
        database.properties().forEach(builder::property);
        try (CliRun withPlayer = new CliRun(builder.build())) {
            CliRun.Result r = withPlayer.ok("call", "replay", "--tenant", "calls-homes", RecordedCalls.SID,
                    "--speed", "2", "--play");
            assertTrue(r.err().contains("--play: aplay plays at the recorded speed only, so the replay runs at 1×"),
                    r.err());
            assertTrue(r.err().contains("--play: playing the recording with " + aplay), r.err());
            assertEquals("-q " + call.recordingPath(), Files.readString(log).strip());
            assertEquals(11400, sleeps.stream().mapToLong(Long::longValue).sum() / NANOS_PER_MS, "paced at 1×");
        }
    }

    @Test
    void ffplayChangesTheTempoInSteps() {
        assertEquals("atempo=2.0,atempo=1.5000", AudioPlayers.atempo(3));
        assertEquals("atempo=0.5,atempo=0.5000", AudioPlayers.atempo(0.25));
        assertEquals(List.of("/usr/bin/ffplay", "-nodisp", "-autoexit", "-loglevel", "error", "-af",
                "atempo=2.0000", "/tmp/a.wav"), new AudioPlayers.Player("ffplay", Path.of("/usr/bin/ffplay"))
                .command(Path.of("/tmp/a.wav"), 2));
    }

    private void assertSids(List<String> expected, String... filter) {
        List<String> args = new ArrayList<>(List.of("call", "list", "--tenant", "calls-homes", "-o", "json"));
        args.addAll(Arrays.asList(filter));
        JsonNode json = cli.ok(args.toArray(String[]::new)).json();
        assertEquals(expected, List.of(json.get("calls").findValuesAsText("callSid").toArray()), args.toString());
    }

    /** Compares with {@code call/NAME} in the test resources. */
    private void snapshot(String name, String shown) throws IOException {
        if (UPDATE != null) {
            Files.writeString(Path.of(UPDATE, name), shown);
            return;
        }
        try (InputStream in = getClass().getResourceAsStream("/call/" + name)) {
            if (in == null) {
                throw new AssertionError("no snapshot call/" + name + "; output was:\n" + shown);
            }
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), shown, name);
        }
    }
}
