package io.moked.cli.call;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.crm.call.CallQueries;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
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
        if (audioOut != null) {
            CallRecording.copy(card, audioOut);
            out().note("wrote the recording to " + audioOut + " (stereo WAV: left caller, right agent)");
        }
        AudioPlayers.Player player = play ? player(card) : null;
        double pace = player != null && speed != 1.0 && !player.changesSpeed() ? 1.0 : speed;
        if (pace != speed) {
            out().note("--play: " + player.name() + " plays at the recorded speed only, so the replay runs at 1× "
                    + "(ffplay can play at --speed)");
        }
        new CallReplay(out(), out().isJson() ? out().err() : out().out(), runtime().nanoClock(), runtime().sleeper())
                .replay(card, tenant, pace, player, CallRecording.of(card));
        if (out().isJson()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("call", card);
            json.put("player", player == null ? null : player.name());
            json.put("audioOut", audioOut == null ? null : audioOut.toString());
            out().json(json);
        }
        return ExitCode.OK;
    }

    /** The player to use, or null (said on stderr) when there is none or nothing to play. */
    private AudioPlayers.Player player(CallDtos.Card card) {
        AudioPlayers.Player player = AudioPlayers.find(runtime().env());
        String missing = CallRecording.missing(card);
        if (player == null) {
            out().note("--play: no audio player found on the PATH (looked for " + AudioPlayers.known()
                    + "); replaying the transcript only");
        } else if (missing != null) {
            out().note("--play: nothing to play, " + missing + "; replaying the transcript only");
            return null;
        } else {
            out().note("--play: playing the recording with " + player.executable());
        }
        return player;
    }
}
