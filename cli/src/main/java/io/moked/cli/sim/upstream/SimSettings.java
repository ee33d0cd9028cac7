package io.moked.cli.sim.upstream;

/**
 * Latency model of the upstream simulator.
 *
 * @param ttftMs     delay before the first chat token (time to first token)
 * @param tokensPerS chat token rate after the first token
 * @param sttMs      delay of every transcription
 * @param ttsRtf     real-time factor of speech synthesis: audio of duration D is produced over {@code ttsRtf * D}
 *                   (0 = all at once)
 */
public record SimSettings(String host, int port, long ttftMs, double tokensPerS, long sttMs, double ttsRtf,
                          SimScript script) {
    public static final long DEFAULT_TTFT_MS = 300;
    public static final double DEFAULT_TOKENS_PER_S = 50;
    public static final long DEFAULT_STT_MS = 200;
    public static final double DEFAULT_TTS_RTF = 0.2;

    public SimSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 (0 = any free port)");
        }
        if (ttftMs < 0 || sttMs < 0) {
            throw new IllegalArgumentException("--ttft-ms and --stt-ms must not be negative");
        }
        if (!(tokensPerS > 0)) {
            throw new IllegalArgumentException("--tokens-per-s must be positive");
        }
        if (ttsRtf < 0) {
            throw new IllegalArgumentException("--tts-rtf must not be negative");
        }
        if (script == null) {
            throw new IllegalArgumentException("script is required");
        }
    }

    public static SimSettings defaults(int port) {
        return new SimSettings("127.0.0.1", port, DEFAULT_TTFT_MS, DEFAULT_TOKENS_PER_S, DEFAULT_STT_MS,
                DEFAULT_TTS_RTF, SimScript.defaults());
    }

    public SimSettings withLatency(long ttft, double tps, long stt, double rtf) {
        return new SimSettings(host, port, ttft, tps, stt, rtf, script);
    }

    public SimSettings withScript(SimScript other) {
        return new SimSettings(host, port, ttftMs, tokensPerS, sttMs, ttsRtf, other);
    }

    /** Nanoseconds between two streamed tokens. */
    public long tokenIntervalNanos() {
        return Math.round(1_000_000_000d / tokensPerS);
    }
}
