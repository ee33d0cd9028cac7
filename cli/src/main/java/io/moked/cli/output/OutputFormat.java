package io.moked.cli.output;

/** How a command prints its result: readable tables (default) or JSON for scripts. */
public enum OutputFormat {
    TABLE,
    JSON
}
