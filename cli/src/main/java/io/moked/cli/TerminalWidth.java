package io.moked.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The width of the terminal of a one-shot agentctl run, found once on first use: {@code COLUMNS} when it is
 * exported, else {@code stty size} on the controlling terminal (a few milliseconds; opening a full jline terminal
 * costs hundreds). 0 when neither answers (no terminal, no stty): views then do not wrap. The shell asks its own
 * jline terminal instead ({@link CliRuntime#useTerminalWidth}).
 */
final class TerminalWidth implements IntSupplier {
    private static final String TTY = "/dev/tty";
    private static final long STTY_TIMEOUT_MS = 2_000;

    private final Map<String, String> env;
    private int columns = -1; // guarded by this

    TerminalWidth(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public synchronized int getAsInt() {
        if (columns < 0) {
            Integer fromEnv = parse(env.get("COLUMNS"));
            columns = fromEnv != null ? fromEnv : stty();
        }
        return columns;
    }

    private static int stty() {
        File tty = new File(TTY);
        if (!tty.exists()) {
            return 0;
        }
        try {
            Process process = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!process.waitFor(STTY_TIMEOUT_MS, TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                process.destroy();
                return 0;
            }
            // "rows columns"
            String[] parts = answer.split("\\s+");
            Integer parsed = parts.length == 2 ? parse(parts[1]) : null;
            return parsed == null ? 0 : parsed;
        } catch (IOException e) {
            return 0; // no stty here (or no controlling terminal): the width stays unknown
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    static Integer parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            return parsed > 0 ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
