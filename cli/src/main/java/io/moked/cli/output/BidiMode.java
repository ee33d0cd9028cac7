package io.moked.cli.output;

import java.util.Map;

import io.moked.cli.CliException;

/**
 * Whether agentctl reorders right-to-left text (Hebrew) into visual order before printing it.
 * <p>
 * Most terminals (xterm, Windows Terminal, tmux panes, IDE consoles) print characters in the order they arrive, so
 * logical-order Hebrew comes out backwards; a few (VTE-based since 0.58, Konsole, mlterm, macOS Terminal) run the
 * Unicode bidi algorithm themselves and would reverse already-reordered text a second time. Output that does not
 * go to a terminal (pipes, files, JSON) is always left in logical order, which is what programs expect.
 */
public enum BidiMode {
    /** Decide from the environment (see {@link #resolve}). */
    AUTO,
    /** Always reorder RTL text into visual order (for terminals without bidi support). */
    REORDER,
    /** Never reorder: the terminal handles bidi, or the output is read by a program. */
    NONE;

    /** Environment variable that overrides detection; values as the {@code --bidi} option (auto, reorder, none). */
    public static final String ENV = "MOKED_BIDI";

    /** First VTE version (0.58, as VTE_VERSION reports it) that implements bidi. */
    private static final int VTE_BIDI_VERSION = 5800;

    /**
     * @param explicit         the {@code --bidi} option, or null when not given
     * @param env              the process environment
     * @param stdoutIsTerminal whether standard output is an interactive terminal
     * @return true when text must be reordered before printing
     */
    public static boolean shouldReorder(BidiMode explicit, Map<String, String> env, boolean stdoutIsTerminal) {
        BidiMode mode = explicit;
        if (mode == null || mode == AUTO) {
            mode = fromEnv(env.get(ENV));
        }
        if (mode == REORDER) {
            return true;
        }
        if (mode == NONE) {
            return false;
        }
        return stdoutIsTerminal && !terminalDoesBidi(env);
    }

    private static BidiMode fromEnv(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        for (BidiMode mode : values()) {
            if (mode.name().equalsIgnoreCase(value.strip())) {
                return mode;
            }
        }
        throw CliException.usage(ENV + " must be one of auto, reorder, none (was '" + value + "')");
    }

    /** Terminals known to apply the bidi algorithm themselves, recognised by the variables they export. */
    static boolean terminalDoesBidi(Map<String, String> env) {
        String vte = env.get("VTE_VERSION");
        if (vte != null) {
            try {
                if (Integer.parseInt(vte.strip()) >= VTE_BIDI_VERSION) {
                    return true;
                }
            } catch (NumberFormatException ignored) {
                // an unparsable version says nothing about bidi support
            }
        }
        String term = env.getOrDefault("TERM", "");
        return env.containsKey("KONSOLE_VERSION")
                || env.containsKey("MLTERM")
                || term.startsWith("mlterm")
                || "Apple_Terminal".equals(env.get("TERM_PROGRAM"));
    }
}
