package io.moked.cli;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.moked.error.ConflictException;
import io.moked.error.NotFoundException;
import io.moked.error.ValidationException;
import jakarta.validation.ConstraintViolationException;
import picocli.CommandLine;

/**
 * Maps any exception a command throws to agentctl's exit code and a one-line message. The cause chain is walked,
 * because services are often reached through Micronaut proxies that wrap what they throw.
 * <p>
 * To give a new exception type its own exit code, add it to {@link #RULES}; commands then simply let it propagate.
 */
public final class ExitCodeMapper implements CommandLine.IExitCodeExceptionMapper {

    /** Exception types whose message is written for users, with their exit codes; first match in the chain wins. */
    private static final Map<Class<? extends Throwable>, Integer> RULES = Map.of(
            CommandLine.ParameterException.class, ExitCode.USAGE,
            ConstraintViolationException.class, ExitCode.USAGE,
            ValidationException.class, ExitCode.USAGE,
            NotFoundException.class, ExitCode.NOT_FOUND_OR_CONFLICT,
            ConflictException.class, ExitCode.NOT_FOUND_OR_CONFLICT);

    @Override
    public int getExitCode(Throwable exception) {
        Throwable known = userFacing(exception);
        if (known instanceof CliException cli) {
            return cli.exitCode();
        }
        return known == null ? ExitCode.FAILURE : RULES.get(ruleFor(known));
    }

    /**
     * One line for the user: the message of the first user-facing exception in the chain, else the root cause
     * (the innermost exception usually names the real problem: "Connection refused", "database is locked").
     * A {@link CliException} with a cause gets the root cause appended, e.g. "cannot open the database: ...".
     */
    public String message(Throwable exception) {
        Throwable known = userFacing(exception);
        if (known == null || known.getMessage() == null || known.getMessage().isBlank()) {
            return describe(rootCause(exception));
        }
        String text = firstLine(known.getMessage());
        if (known instanceof CliException && known.getCause() != null) {
            text += ": " + describe(rootCause(known.getCause()));
        }
        return text;
    }

    /**
     * True for failures of the database itself (connection refused, locked, disk full): an SQLException somewhere in
     * the chain and no user-facing exception that already explains the problem.
     */
    public boolean isDatabaseFailure(Throwable exception) {
        return userFacing(exception) == null && chain(exception).stream().anyMatch(t -> t instanceof SQLException);
    }

    private static String describe(Throwable t) {
        String text = t.getMessage();
        return text == null || text.isBlank() ? t.getClass().getSimpleName() : firstLine(text);
    }

    private static Throwable userFacing(Throwable exception) {
        for (Throwable t : chain(exception)) {
            if (t instanceof CliException || ruleFor(t) != null) {
                return t;
            }
        }
        return null;
    }

    private static Class<? extends Throwable> ruleFor(Throwable t) {
        for (Class<? extends Throwable> type : RULES.keySet()) {
            if (type.isInstance(t)) {
                return type;
            }
        }
        return null;
    }

    private static List<Throwable> chain(Throwable exception) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = exception; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static Throwable rootCause(Throwable exception) {
        List<Throwable> chain = chain(exception);
        return chain.get(chain.size() - 1);
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
