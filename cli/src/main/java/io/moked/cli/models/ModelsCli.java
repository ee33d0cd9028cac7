package io.moked.cli.models;

import io.moked.cli.CliException;
import io.moked.cli.CliRuntime;
import io.moked.cli.ExitCode;
import io.moked.models.ModelException;
import io.moked.models.ModelNotInstalledException;
import io.moked.models.ModelSettings;
import io.moked.models.ModelStore;
import io.moked.models.UnknownModelException;


/** What the models commands share: the store built from the runtime (no application context), error mapping. */
final class ModelsCli {
    private ModelsCli() {
    }

    /** The store from the runtime's overrides, environment and settings file, like the appliance's config would. */
    static ModelStore store(CliRuntime runtime) {
        try {
            return ModelStore.open(ModelSettings.from(runtime.localProperties(), runtime.env()));
        } catch (ModelException e) {
            throw translate(e);
        }
    }

    /** Model errors carry a complete one-line message: unknown / not installed → 3, everything else → 1. */
    static CliException translate(ModelException e) {
        int code = e instanceof UnknownModelException || e instanceof ModelNotInstalledException
                ? ExitCode.NOT_FOUND_OR_CONFLICT : ExitCode.FAILURE;
        CliException cli = new CliException(code, e.getMessage());
        cli.setStackTrace(e.getStackTrace()); // -v shows where the model operation failed
        return cli;
    }

    static String bytes(Long value) {
        if (value == null || value < 0) {
            return null;
        }
        return io.moked.cli.output.Progress.bytes(value);
    }
}
