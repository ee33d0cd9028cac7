package io.moked.cli.models;

import io.moked.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code agentctl models ...}: the model files of the appliance. Pure local: never starts the services. */
@Command(name = "models", description = "List, download, import, verify and remove model files; recommend a set.",
        footer = {"", "Models live in MOKED_MODELS_DIR (default: $MOKED_DATA_DIR/models); the manifest is "
                + "models/manifest.yaml (MOKED_MODELS_MANIFEST)."},
        subcommands = {
            ModelsListCommand.class,
            ModelsPullCommand.class,
            ModelsImportCommand.class,
            ModelsVerifyCommand.class,
            ModelsRemoveCommand.class,
            ModelsRecommendCommand.class,
        })
public final class ModelsCommand extends CommandGroup {
}
