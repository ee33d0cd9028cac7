package io.moked.cli.models;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.cli.output.Table;
import io.moked.models.ImportReport;
import io.moked.models.ModelException;
import io.moked.models.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code agentctl models import DIR|TARBALL}: install model files carried in for an offline site. */
@Command(name = "import", description = "Install model files from a directory or a .tar/.tar.gz, recognised by "
        + "sha256 (or by file name when the manifest has no hash); reports what was skipped and why.")
public final class ModelsImportCommand extends AgentctlCommand {
    @Parameters(index = "0", paramLabel = "DIR|TARBALL", description = "Directory or .tar / .tar.gz archive.")
    Path source;

    @Override
    protected int execute() {
        if (!Files.exists(source)) {
            throw CliException.notFound("nothing at " + source + " (give a directory or a .tar/.tar.gz file)");
        }
        ModelStore store = ModelsCli.store(runtime());
        out().note("importing from " + source + " into " + store.modelsDir() + " (hashing every file) ...");
        ImportReport report;
        try {
            report = store.importFrom(source);
        } catch (ModelException e) {
            throw ModelsCli.translate(e);
        }
        out().emit(report, out -> {
            Table.of("IMPORTED", "FILE", "SIZE", "FROM")
                    .rows(report.imported(), i -> java.util.List.of(i.model() + (i.hashLocked() ? " (hash locked)"
                            : ""), i.file(), ModelsCli.bytes(i.sizeBytes()), i.from()))
                    .rightAlign(2)
                    .empty("Nothing imported.")
                    .render(out);
            if (!report.skipped().isEmpty()) {
                out.line("");
                Table.of("SKIPPED", "REASON")
                        .rows(report.skipped(), s -> java.util.List.of(s.from(), s.reason()))
                        .render(out);
            }
        });
        return ExitCode.OK;
    }
}
