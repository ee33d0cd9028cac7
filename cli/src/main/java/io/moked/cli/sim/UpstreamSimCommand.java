package io.moked.cli.sim;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.cli.output.Fields;
import io.moked.cli.sim.upstream.SimScript;
import io.moked.cli.sim.upstream.SimSettings;
import io.moked.cli.sim.upstream.UpstreamSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code agentctl upstream-sim}: runs the OpenAI-compatible upstream simulator in the foreground until Ctrl-C. A test
 * instrument for measuring the appliance without GPU or internet; it says so on start and in every response.
 */
@Command(name = "upstream-sim",
        description = {"TEST INSTRUMENT: an OpenAI-compatible server with scripted answers and configurable latency",
                "(chat completions with streamed tool calls, transcriptions, synthetic-tone speech, models).",
                "Point the appliance's moked.openai.base-url at it to measure the appliance itself."})
public final class UpstreamSimCommand extends AgentctlCommand {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "4010",
            description = "Port to listen on (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to bind. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--ttft-ms", paramLabel = "MS", defaultValue = "" + SimSettings.DEFAULT_TTFT_MS,
            description = "Delay before the first chat token. Default: ${DEFAULT-VALUE}.")
    long ttftMs;

    @Option(names = "--tokens-per-s", paramLabel = "N", defaultValue = "" + SimSettings.DEFAULT_TOKENS_PER_S,
            description = "Chat token rate after the first token. Default: ${DEFAULT-VALUE}.")
    double tokensPerS;

    @Option(names = "--stt-ms", paramLabel = "MS", defaultValue = "" + SimSettings.DEFAULT_STT_MS,
            description = "Delay of every transcription. Default: ${DEFAULT-VALUE}.")
    long sttMs;

    @Option(names = "--tts-rtf", paramLabel = "R", defaultValue = "" + SimSettings.DEFAULT_TTS_RTF,
            description = "Speech real-time factor: D seconds of audio take R x D seconds. Default: ${DEFAULT-VALUE}.")
    double ttsRtf;

    @Option(names = "--script", paramLabel = "FILE",
            description = "YAML/JSON script: chat rules (match -> reply / tool_call), transcriptions, speech tone.")
    Path script;

    @Override
    protected int execute() throws Exception {
        SimSettings settings;
        try {
            SimScript loaded = script == null ? SimScript.defaults() : SimScript.load(script);
            settings = new SimSettings(host, port, ttftMs, tokensPerS, sttMs, ttsRtf, loaded);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        } catch (IOException e) {
            throw CliException.usage("cannot read --script " + script + ": " + e.getMessage());
        }
        UpstreamSimulator sim;
        try {
            sim = UpstreamSimulator.start(settings);
        } catch (Exception e) {
            throw CliException.failure("cannot listen on " + host + ":" + port, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            out().note("upstream-sim stopped; served " + sim.counters());
        }, "upstream-sim-shutdown"));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("test_instrument", true);
        status.put("base_url", sim.baseUrl());
        status.put("model", UpstreamSimulator.MODEL_ID);
        status.put("pid", ProcessHandle.current().pid());
        out().note(sim.banner());
        out().emit(status, Fields.create().add("Upstream simulator (test instrument)", sim.baseUrl())
                .add("Model id", UpstreamSimulator.MODEL_ID).add("PID", status.get("pid"))
                .add("Stop", "Ctrl-C"));
        sim.awaitClose();
        return ExitCode.OK;
    }
}
