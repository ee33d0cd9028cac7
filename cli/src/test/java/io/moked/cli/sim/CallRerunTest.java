package io.moked.cli.sim;

import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.cli.sim.call.Scenario;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallDetail;
import io.moked.crm.call.CallStatus;
import io.moked.crm.call.CallTurn;
import io.moked.crm.call.Direction;
import io.moked.crm.call.TurnRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How a recorded call becomes a re-run: caller turns with their barge-ins, and replies paired slot by slot. */
class CallRerunTest {
    private static final Instant T0 = Instant.parse("2026-03-02T08:15:00Z");

    @TempDir
    Path dir;

    @Test
    void repliesArePairedByTheCallerTurnTheyFollow() {
        List<CallTurn> old = List.of(turn(TurnRole.ASSISTANT, "hello", 0, 2000, false),
                turn(TurnRole.USER, "a flat", 2500, 4000, false),
                turn(TurnRole.ASSISTANT, "which budget", 4800, 6000, true),
                turn(TurnRole.USER, "two million", 5500, 7000, false),
                turn(TurnRole.TOOL, "{\"tool\":\"book_viewing\",\"arguments\":{}}", 7100, 7100, false),
                turn(TurnRole.ASSISTANT, "booked", 7500, 9000, false));
        List<CallTurn> now = List.of(turn(TurnRole.ASSISTANT, "hello", 0, 2000, false),
                turn(TurnRole.USER, "a flat", 2500, 4000, false),
                turn(TurnRole.ASSISTANT, "where?", 4700, 6000, false),
                turn(TurnRole.USER, "two millions", 6500, 8000, false),
                turn(TurnRole.ASSISTANT, "noted.", 8500, 9000, false),
                turn(TurnRole.ASSISTANT, "anything else?", 9000, 9500, false));
        List<CallRerun.Slot> slots = CallRerun.slots(old, now);
        assertEquals(List.of(new CallRerun.Slot(0, null, null, "hello", "hello"),
                new CallRerun.Slot(1, "a flat", "a flat", "which budget [interrupted]", "where?"),
                new CallRerun.Slot(2, "two million", "two millions", "[tool book_viewing] / booked",
                        "noted. / anything else?")), slots);
    }

    @Test
    void callerTurnsAreCutFromTheRecordingWithTheOriginalBargeIn() throws Exception {
        Path wav = stereo(dir.resolve("call.wav"), 10_000);
        List<CallTurn> turns = List.of(turn(TurnRole.ASSISTANT, "hello", 0, 2000, false),
                turn(TurnRole.USER, "a flat", 2500, 4000, false),
                turn(TurnRole.ASSISTANT, "which budget", 4800, 6000, true),
                turn(TurnRole.USER, "two million", 5500, 7000, false),
                turn(TurnRole.USER, "", 8000, 8000, false));  // no speech span: not re-run
        Scenario scenario = CallRerun.scenario(detail(wav.toString(), null, turns));
        assertEquals(2, scenario.turns().size());
        assertNull(scenario.turns().get(0).bargeInAfterMs(), "the first caller turn waited for the greeting");
        assertEquals(700L, scenario.turns().get(1).bargeInAfterMs(), "cut in 700 ms into the agent's reply");
        assertEquals(1500 + 500, scenario.turns().get(0).speechMs(), "the turn plus lead-in and tail");
    }

    @Test
    void aCallWithoutItsRecordingCannotBeReRun() {
        List<CallTurn> turns = List.of(turn(TurnRole.USER, "a flat", 2500, 4000, false));
        CliException none = assertThrows(CliException.class, () -> CallRerun.scenario(detail(null, null, turns)));
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, none.exitCode());
        CliException deleted = assertThrows(CliException.class, () -> CallRerun.scenario(detail(
                dir.resolve("gone.wav").toString(), T0, turns)));
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, deleted.exitCode());
    }

    private static CallDetail detail(String recording, Instant deletedAt, List<CallTurn> turns) {
        Call call = new Call(1, 1, "CAold", "+972525551234", "+97235550100", Direction.INBOUND, CallStatus.COMPLETED,
                T0, T0, T0, T0.plusSeconds(10), "stream_stopped", null, null, recording, deletedAt, false, null, null,
                null, T0, T0, null, null, null, null, null, null);
        return new CallDetail(call, null, null, turns);
    }

    private static final List<Integer> SEQ = new ArrayList<>();

    private static CallTurn turn(TurnRole role, String text, long start, long end, boolean interrupted) {
        SEQ.add(0);
        return new CallTurn(SEQ.size(), 1, SEQ.size(), role, text, start, end, role == TurnRole.USER ? 0.9 : null,
                interrupted, role == TurnRole.ASSISTANT ? 500 : null, null, T0, false);
    }

    private static Path stereo(Path file, long ms) throws Exception {
        int rate = 8000;
        int frames = (int) (ms * rate / 1000);
        ByteBuffer b = ByteBuffer.allocate(44 + frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + frames * 4).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 2).putInt(rate).putInt(rate * 4).putShort((short) 4)
                .putShort((short) 16).put("data".getBytes()).putInt(frames * 4);
        for (int i = 0; i < frames; i++) {
            b.putShort((short) (Math.sin(i / 3.0) * 9000)).putShort((short) 0);
        }
        return Files.write(file, b.array());
    }
}
