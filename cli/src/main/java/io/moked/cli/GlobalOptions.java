package io.moked.cli;

import io.moked.cli.output.BidiMode;
import io.moked.cli.output.OutputFormat;
import picocli.CommandLine.Option;

/** Options every agentctl command accepts (mixed in by {@link AgentctlCommand}). */
public final class GlobalOptions {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-o", "--output"}, paramLabel = "table|json", defaultValue = "table",
            description = "Output format: table (default, for people) or json (for scripts).")
    OutputFormat output = OutputFormat.TABLE;

    @Option(names = {"-v", "--verbose"}, description = "Print the stack trace of errors.")
    boolean verbose;

    @Option(names = "--bidi", paramLabel = "auto|reorder|none",
            description = "Reorder Hebrew for display: auto (default; detects bidi-capable terminals), reorder, "
                    + "none. Env: " + BidiMode.ENV + ".")
    BidiMode bidi;

    public OutputFormat output() {
        return output;
    }

    public boolean verbose() {
        return verbose;
    }

    public BidiMode bidi() {
        return bidi;
    }
}
