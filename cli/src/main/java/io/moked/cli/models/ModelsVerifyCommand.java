package io.moked.cli.models;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.cli.output.Table;
import io.moked.models.DownloadProgress;
import io.moked.models.InstallState;
import io.moked.models.ModelException;
import io.moked.models.ModelStore;
import io.moked.models.VerifyReport;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.stream.Collectors;

/** {@code agentctl models verify}: re-hash every installed file; exit 1 when one is corrupted. */
@Command(name = "verify", description = "Re-hash installed model files against their sha256; exit 1 if one is "
        + "corrupted.")
public final class ModelsVerifyCommand extends AgentctlCommand {

    /** JSON shape of {@code models verify --output json}. */
    public record Verification(boolean ok, List<ModelsListCommand.Model> models) {
    }

    @Override
    protected int execute() {
        ModelStore store = ModelsCli.store(runtime());
        VerifyReport report;
        try {
            report = store.verify(event -> {
                if (event.phase() == DownloadProgress.Phase.VERIFYING) {
                    out().note("verifying " + event.model() + " (" + ModelsCli.bytes(event.bytesTotal()) + ")");
                }
            });
        } catch (ModelException e) {
            throw ModelsCli.translate(e);
        }
        List<ModelsListCommand.Model> models = report.results().stream()
                .filter(r -> r.state() != InstallState.MISSING)
                .map(ModelsListCommand.Model::of).collect(Collectors.toList());
        boolean ok = !report.hasCorrupted();
        out().emit(new Verification(ok, models), out -> {
            Table.of("NAME", "STATE", "DETAIL")
                    .rows(models, m -> List.of(m.name(), m.state(), m.detail()))
                    .empty("No model files installed in " + store.modelsDir() + ".")
                    .render(out);
            long corrupted = models.stream().filter(m -> m.state().equals(InstallState.CORRUPTED.id())).count();
            out.line("");
            out.line(ok ? "All installed files are intact." : corrupted + " corrupted file(s).");
        });
        return ok ? ExitCode.OK : ExitCode.FAILURE;
    }
}
