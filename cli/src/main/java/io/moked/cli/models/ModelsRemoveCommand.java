package io.moked.cli.models;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.models.ModelException;
import io.moked.models.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Map;

/** {@code agentctl models remove NAME}: delete an installed model file (its locked hash stays). */
@Command(name = "remove", description = "Delete an installed model file (and any partial download).")
public final class ModelsRemoveCommand extends AgentctlCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Model name from `agentctl models list`.")
    String name;

    @Override
    protected int execute() {
        ModelStore store = ModelsCli.store(runtime());
        boolean removed;
        try {
            removed = store.remove(name);
        } catch (ModelException e) {
            throw ModelsCli.translate(e);
        }
        if (!removed) {
            throw CliException.notFound("model '" + name + "' is not installed in " + store.modelsDir());
        }
        out().emit(Map.of("removed", name), out -> out.line("removed " + name));
        return ExitCode.OK;
    }
}
