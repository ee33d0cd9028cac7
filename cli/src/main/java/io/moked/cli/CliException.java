package io.moked.cli;

/**
 * An error a command detected itself, carrying the exit code it maps to. The message is shown to the user as one
 * line, so it must say what is wrong and, where possible, what to do about it.
 */
public class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Invalid input (exit 2). */
    public static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }

    /** The named thing does not exist (exit 3). */
    public static CliException notFound(String message) {
        return new CliException(ExitCode.NOT_FOUND_OR_CONFLICT, message);
    }

    /** The write conflicts with existing data (exit 3). */
    public static CliException conflict(String message) {
        return new CliException(ExitCode.NOT_FOUND_OR_CONFLICT, message);
    }

    /** Run-time failure (exit 1). */
    public static CliException failure(String message, Throwable cause) {
        return new CliException(ExitCode.FAILURE, message, cause);
    }
}
