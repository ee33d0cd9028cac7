package io.moked.cli.call;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.cli.sim.SimulatedCallRun;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code agentctl call simulate}: one call placed exactly as Twilio places it, printed live with per-turn latencies
 * and followed by the transcript the appliance stored.
 */
@Command(name = "simulate",
        description = {"Place one simulated Twilio call against an appliance: signed webhook, TwiML, signed media",
                "WebSocket, real-time 20 ms μ-law frames; prints the live transcript with per-turn latencies.",
                "Give the caller's lines in order with --say TEXT (needs a TTS engine) and/or --audio FILE.wav."})
public final class CallSimulateCommand extends AgentctlCommand {
    @Mixin
    io.moked.cli.sim.SimTargetOptions target;

    @ArgGroup(exclusive = true, multiplicity = "1..*")
    List<Utterance> utterances = new ArrayList<>();

    @Option(names = "--save-audio", paramLabel = "FILE.wav",
            description = "Save the call as the caller experienced it: stereo WAV, left = caller, right = heard.")
    Path saveAudio;

    @Option(names = "--pause-ms", paramLabel = "MS", defaultValue = "0",
            description = "Silence the caller keeps after each line before the next one, at least. "
                    + "Default: ${DEFAULT-VALUE} (the caller waits for the agent's reply anyway).")
    long pauseMs;

    /** One line of the caller, in the order given. */
    static final class Utterance {
        @Option(names = "--say", paramLabel = "TEXT", required = true, description = "A line spoken with TTS.")
        String say;

        @Option(names = "--audio", paramLabel = "FILE", required = true,
                description = "A WAV file (any rate, channels, PCM/float/μ-law).")
        Path audio;
    }

    @Override
    protected int execute() throws Exception {
        if (pauseMs < 0) {
            throw CliException.usage("--pause-ms must not be negative");
        }
        List<SimulatedCallRun.Line> lines = new ArrayList<>();
        for (Utterance u : utterances) {
            lines.add(new SimulatedCallRun.Line(u.audio, u.say));
        }
        boolean ok = new SimulatedCallRun(runtime(), out(), target).run(lines, pauseMs, saveAudio);
        return ok ? ExitCode.OK : ExitCode.FAILURE;
    }
}
