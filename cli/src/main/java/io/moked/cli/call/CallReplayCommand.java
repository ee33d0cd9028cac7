package io.moked.cli.call;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.cli.output.Direction;
import io.moked.crm.call.CallQueries;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "replay", description = {"Replay a call turn by turn with its real timing: each turn appears at "
        + "its offset in the call (scaled by --speed), so the pause before a reply is its latency, and an "
        + "interruption shows when the caller cut in. --play plays the stereo recording (left caller, right agent) "
        + "in sync through aplay, paplay, ffplay, afplay or play, whichever is found on the PATH.",
        "With -o json the turns are printed to stderr as they come and stdout gets {call (as call show), player, "
                + "audioOut}."})
public final class CallReplayCommand extends AgentctlCommand {
    /** Fastest replay: at 100× an hour-long call takes 36 s. */
    static final double MAX_SPEED = 100;
    /** Slowest replay. */
    static final double MIN_SPEED = 0.25;

    @Mixin
    CallTarget target;

    @Parameters(paramLabel = "CALL", description = "The call's SID (CA...) or id (from call list).")
    String call;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "Replay X times faster than the call happened (" + MIN_SPEED + ".." + MAX_SPEED
                    + "; default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--play", description = "Play the call's recording in sync (needs an audio player on the PATH; "
            + "only ffplay plays at another --speed, the others make the replay run at 1×).")
    boolean play;

    @Option(names = "--audio-out", paramLabel = "FILE.wav",
            description = "Write the call's recording (stereo WAV, left caller, right agent) to this file.")
    Path audioOut;

    @Override
    protected int execute() throws Exception {
        if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
            throw CliException.usage("--speed must be " + MIN_SPEED + ".." + MAX_SPEED + ", got " + speed);
        }
        Tenant tenant = target.tenant(runtime());
        CallDtos.Card card = CallDtos.card(service(CallQueries.class).detail(tenant, call));
        Path recording = recording(card, play || audioOut != null);
        if (audioOut != null) {
            writeAudio(recording);
        }
        AudioPlayers.Player player = null;
        double pace = speed;
        if (play) {
            player = AudioPlayers.find(runtime().env());
            if (player == null) {
                out().note("--play: no audio player found on the PATH (looked for " + AudioPlayers.known()
                        + "); replaying the transcript only");
            } else if (recording == null) {
                player = null;
                out().note("--play: the call has no recording to play; replaying the transcript only");
            } else {
                if (speed != 1.0 && !player.changesSpeed()) {
                    out().note("--play: " + player.name() + " plays at the recorded speed only, so the replay runs at "
                            + "1× (ffplay can play at --speed)");
                    pace = 1.0;
                }
                out().note("--play: playing the recording with " + player.executable());
            }
        }
        PrintWriter sink = out().isJson() ? out().err() : out().out();
        Direction written = Direction.forLocale(tenant.locale());
        if (!out().isJson()) {
            CallView.header(card, tenant).render(out());
            out().line("");
        }
        sink.println(out().visual("Replaying at " + speedText(pace) + "×. " + CallView.TIMELINE_NOTE));
        sink.flush();
        CallReplay replay = new CallReplay(out(), sink, runtime().nanoClock(), runtime().sleeper());
        List<CallReplay.Event> events = CallReplay.events(card.turns());
        Process audio = player == null ? null : start(player, recording, pace);
        try {
            replay.play(events, pace, runtime().nanoClock().getAsLong(), written);
            if (audio != null) {
                audio.waitFor();
            }
        } finally {
            if (audio != null && audio.isAlive()) {
                audio.destroy();
            }
        }
        sink.println(out().visual(events.isEmpty() ? "No turns recorded." : "End of call"
                + (card.endReason() == null ? "" : " (" + card.endReason() + ")")));
        sink.flush();
        if (out().isJson()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("call", card);
            json.put("player", player == null ? null : player.name());
            json.put("audioOut", audioOut == null ? null : audioOut.toString());
            out().json(json);
        }
        return ExitCode.OK;
    }

    /** The recording on disk, or null; when {@code needed} by --audio-out, a missing one is exit 3. */
    private Path recording(CallDtos.Card card, boolean needed) {
        String why = card.recording() == null ? "the call has no recording (the tenant does not record calls, or "
                + "the call never reached the assistant)"
                : card.recording().deletedAt() != null ? "its recording was deleted by retention at "
                + card.recording().deletedAt()
                : !Files.isRegularFile(Path.of(card.recording().path())) ? "its recording "
                + card.recording().path() + " is not on this machine" : null;
        if (why == null) {
            return Path.of(card.recording().path());
        }
        if (needed && audioOut != null) {
            throw CliException.notFound("call " + card.callSid() + ": " + why);
        }
        return null;
    }

    private void writeAudio(Path recording) {
        try {
            Path parent = audioOut.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.copy(recording, audioOut, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw CliException.failure("cannot write --audio-out " + audioOut + ": " + e.getMessage(), e);
        }
        out().note("wrote the recording to " + audioOut + " (stereo WAV: left caller, right agent)");
    }

    private Process start(AudioPlayers.Player player, Path recording, double pace) {
        try {
            return new ProcessBuilder(player.command(recording, pace)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw CliException.failure("--play: cannot start " + player.executable() + ": " + e.getMessage(), e);
        }
    }

    private static String speedText(double speed) {
        return speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
    }
}
