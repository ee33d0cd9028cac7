package io.moked.cli;

import java.io.PrintWriter;
import java.util.Collection;

import io.moked.cli.output.BidiMode;
import io.moked.cli.output.BidiText;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Prints errors as one line on stderr ("error: ...") and returns the exit code from {@link ExitCodeMapper}.
 * With {@code -v} anywhere on the command line the stack trace follows.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    /** Typos up to this many edits get a "did you mean" hint. */
    static final int MAX_TYPO_DISTANCE = 2;
    private final ExitCodeMapper mapper = new ExitCodeMapper();

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        String message = mapper.message(ex);
        if (mapper.isDatabaseFailure(ex)) {
            // "Connection refused" alone does not say which database; the URL never includes the password
            message = "database " + Agentctl.runtimeOf(commandLine.getCommandSpec()).databaseDescription() + ": "
                    + message;
        }
        // the message may quote input (a name, a file's content): escaped like every other printed value
        err.println(forStderr(commandLine, parseResult, "error: " + io.moked.log.LogSafe.escape(message, 0)));
        if (verbose(parseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return mapper.getExitCode(ex);
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        StringBuilder line = new StringBuilder("error: ").append(ex.getMessage());
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String suggestion = closest(unmatched.getUnmatched().get(0), commandLine.getCommandSpec());
            if (suggestion != null) {
                line.append(" (did you mean '").append(suggestion).append("'?)");
            }
        }
        line.append(" — see '").append(commandLine.getCommandSpec().qualifiedName()).append(" --help'");
        err.println(io.moked.log.LogSafe.escape(line.toString(), 0));
        err.flush();
        return ExitCode.USAGE;
    }

    /** The option or subcommand name within {@link #MAX_TYPO_DISTANCE} edits of what was typed, if any. */
    static String closest(String typed, CommandLine.Model.CommandSpec spec) {
        String word = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        Collection<String> candidates = word.startsWith("-") ? spec.optionsMap().keySet()
                : spec.subcommands().keySet();
        String best = null;
        int bestDistance = MAX_TYPO_DISTANCE + 1;
        for (String candidate : candidates) {
            int distance = editDistance(word, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * The error line in display order when stderr is a terminal without bidi: an English sentence that quotes a
     * Hebrew value (a tenant's message, a caller's words) keeps the quote readable. Same switch as all output
     * ({@code --bidi}, {@code MOKED_BIDI}), decided for stderr, where the line goes.
     */
    private static String forStderr(CommandLine commandLine, ParseResult parseResult, String line) {
        try {
            BidiMode explicit = null;
            for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
                if (pr.hasMatchedOption("--bidi")) {
                    explicit = pr.matchedOptionValue("--bidi", null);
                }
            }
            CliRuntime runtime = Agentctl.runtimeOf(commandLine.getCommandSpec());
            return BidiMode.shouldReorder(explicit, runtime.env(), runtime.stderrIsTerminal())
                    ? BidiText.toVisual(line) : line;
        } catch (RuntimeException e) {
            return line; // an unusable MOKED_BIDI must not hide the error being reported
        }
    }

    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
