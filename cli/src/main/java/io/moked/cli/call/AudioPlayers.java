package io.moked.cli.call;

import io.moked.cli.CliException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds a command-line audio player on the PATH for {@code call replay --play}, in order of preference: aplay
 * (ALSA), paplay (PulseAudio/PipeWire), ffplay (FFmpeg; the only one that can change the tempo), afplay (macOS),
 * play (SoX). Each plays a stereo PCM WAV as is.
 */
final class AudioPlayers {
    /** Slowest and fastest tempo one ffplay atempo filter takes; others chain. */
    private static final double ATEMPO_MIN = 0.5;
    private static final double ATEMPO_MAX = 2.0;
    private static final List<String> KNOWN = List.of("aplay", "paplay", "ffplay", "afplay", "play");

    /** A player found: its name, where it is. */
    record Player(String name, Path executable) {
        /** Whether it can play faster or slower than recorded. */
        boolean changesSpeed() {
            return name.equals("ffplay");
        }

        /** Starts playing {@code wav} (its output discarded). */
        Process start(Path wav, double speed) {
            try {
                return new ProcessBuilder(command(wav, speed)).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw CliException.failure("--play: cannot start " + executable + ": "
                        + e.getMessage(), e);
            }
        }

        List<String> command(Path wav, double speed) {
            List<String> cmd = new ArrayList<>();
            cmd.add(executable.toString());
            switch (name) {
                case "aplay", "play" -> cmd.add("-q");
                case "ffplay" -> {
                    cmd.addAll(List.of("-nodisp", "-autoexit", "-loglevel", "error"));
                    if (speed != 1.0) {
                        cmd.addAll(List.of("-af", atempo(speed)));
                    }
                }
                default -> {
                }
            }
            cmd.add(wav.toString());
            return cmd;
        }
    }

    private AudioPlayers() {
    }

    /** The first known player on {@code PATH} from {@code env}, or null when there is none. */
    static Player find(Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        for (String name : KNOWN) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (dir.isBlank()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return new Player(name, candidate);
                }
            }
        }
        return null;
    }

    static String known() {
        return String.join(", ", KNOWN);
    }

    /** "atempo=2.0,atempo=1.5" for 3×: each filter stays within 0.5..2. */
    static String atempo(double speed) {
        List<String> parts = new ArrayList<>();
        double rest = speed;
        while (rest > ATEMPO_MAX) {
            parts.add("atempo=" + ATEMPO_MAX);
            rest /= ATEMPO_MAX;
        }
        while (rest < ATEMPO_MIN) {
            parts.add("atempo=" + ATEMPO_MIN);
            rest /= ATEMPO_MIN;
        }
        parts.add(String.format(Locale.ROOT, "atempo=%.4f", rest));
        return String.join(",", parts);
    }
}
