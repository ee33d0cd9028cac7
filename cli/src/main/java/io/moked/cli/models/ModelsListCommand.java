package io.moked.cli.models;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.cli.output.Table;
import io.moked.models.ModelEntry;
import io.moked.models.ModelStatus;
import io.moked.models.ModelStore;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.stream.Collectors;

/** {@code agentctl models list}: every manifest entry and its install state (cheap: never re-hashes files). */
@Command(name = "list", description = "List known models and whether each is installed, missing, corrupted or "
        + "unverified.")
public final class ModelsListCommand extends AgentctlCommand {

    /** JSON shape of {@code models list --output json}. */
    public record Listing(String modelsDir, String manifest, List<Model> models) {
    }

    /** One entry; {@code state} is installed | missing | corrupted | unverified. */
    public record Model(String name, String kind, String file, String state, String path, Long sizeBytes,
                        String sha256, String hashSource, String url, String license, List<String> languages,
                        boolean fixture, String detail, String licenceWarning) {
        static Model of(ModelStatus s) {
            ModelEntry e = s.entry();
            return new Model(e.name(), e.kind().id(), e.file(), s.state().id(), s.path().toString(), s.sizeOnDisk(),
                    s.expectedSha256(), s.hashSource().id(), e.url() == null ? null : e.url().toString(),
                    e.license(), e.languages(), e.fixture(), s.detail(),
                    s.state() == io.moked.models.InstallState.MISSING ? null : e.licenceWarning().orElse(null));
        }
    }

    @Override
    protected int execute() {
        ModelStore store = ModelsCli.store(runtime());
        List<ModelStatus> statuses;
        try {
            statuses = store.list();
        } catch (io.moked.models.ModelException e) {
            throw ModelsCli.translate(e);
        }
        List<Model> models = statuses.stream().map(Model::of).collect(Collectors.toList());
        out().emit(new Listing(store.modelsDir().toString(), store.catalog().source(), models), out -> {
            Table.of("NAME", "KIND", "STATE", "SIZE", "HASH", "LICENSE")
                    .rows(models, m -> List.of(m.name(), m.kind() + (m.fixture() ? " (test)" : ""), m.state(),
                            sizeCell(m), m.hashSource(), m.license() == null ? "-" : m.license()))
                    .rightAlign(3)
                    .empty("The manifest lists no models.")
                    .render(out);
            out.note("models dir: " + store.modelsDir() + "   manifest: " + store.catalog().source());
            models.stream().filter(m -> m.licenceWarning() != null)
                    .forEach(m -> out.note("warning: installed " + m.licenceWarning()));
        });
        return ExitCode.OK;
    }

    private static String sizeCell(Model m) {
        String size = ModelsCli.bytes(m.sizeBytes());
        return size == null ? "-" : size;
    }
}
