package io.moked.cli;

import picocli.CommandLine.Option;

/** {@code --actor}: who is recorded in the audit log for a write. Mix into every command that writes. */
public final class ActorOption {
    @Option(names = "--actor", paramLabel = "NAME",
            description = "Name recorded in the audit log (default: the OS user, or the sudo caller).")
    String actor;

    /** The explicit --actor, else the OS user. */
    public String resolve(CliRuntime runtime) {
        if (actor != null) {
            if (actor.isBlank()) {
                throw CliException.usage("--actor must not be blank");
            }
            return actor.strip();
        }
        return runtime.osUser();
    }
}
