package io.moked.cli;

/**
 * agentctl's exit codes. Scripts depend on these numbers, so they never change meaning.
 * Commands do not return them directly for errors: they throw (see {@link CliException} and {@link ExitCodeMapper}).
 */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** Anything that went wrong at run time: database unreachable, I/O error, a check that failed. */
    public static final int FAILURE = 1;
    /** The command line or the input it names is invalid (unknown option, bad phone number, unknown placeholder). */
    public static final int USAGE = 2;
    /** The thing named does not exist, or the write conflicts with existing data (number owned by another tenant). */
    public static final int NOT_FOUND_OR_CONFLICT = 3;

    private ExitCode() {
    }
}
