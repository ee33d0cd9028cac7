package io.moked.cli.output;

/** The human-readable rendering of a command's result (used when {@code --output table}, the default). */
@FunctionalInterface
public interface TextView {
    void render(Output out);
}
