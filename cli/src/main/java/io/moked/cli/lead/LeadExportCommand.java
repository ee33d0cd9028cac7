package io.moked.cli.lead;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.cli.output.Progress;
import io.moked.crm.lead.LeadFilter;
import io.moked.crm.lead.files.ExportSummary;
import io.moked.crm.lead.files.LeadExporter;
import io.moked.crm.lead.files.LeadFileFormat;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", description = {"Write a tenant's leads as CSV (for Excel) or JSON Lines; 'lead import' reads "
        + "both back.", "Leads are read page by page, so memory stays small however many there are.",
        "CSV: RFC 4180 with CRLF; --bom makes Excel read Hebrew right; phones as 052-555-1234 so Excel keeps them as "
                + "text; formula-like cells are escaped. JSON Lines: phone in E.164, fields nested."})
public final class LeadExportCommand extends AgentctlCommand {
    @Mixin
    LeadTarget target;

    @Mixin
    LeadFilterOptions filterOptions;

    @Option(names = "--format", paramLabel = "csv|jsonl", defaultValue = "csv", description = "csv (default) or jsonl.")
    String format;

    @Option(names = "--bom", description = "Start the CSV with a byte order mark (Excel on Windows needs it for Hebrew).")
    boolean bom;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (replaced only when the export "
            + "succeeds) and print a summary; default: the leads go to stdout.")
    Path outFile;

    @Override
    protected int execute() throws IOException {
        LeadFileFormat fileFormat = switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "csv" -> LeadFileFormat.CSV;
            case "jsonl" -> LeadFileFormat.JSONL;
            default -> throw CliException.usage("--format must be csv or jsonl, got '" + format + "'");
        };
        Tenant tenant = target.tenant(runtime());
        LeadFilter filter = filterOptions.filter(runtime(), tenant, null);
        LeadExporter exporter = service(LeadExporter.class);
        if (outFile == null) {
            ExportSummary summary = exporter.export(tenant, filter, fileFormat, bom, out().out(), n -> { });
            out().note("Exported " + summary.leads() + " leads");
            return ExitCode.OK;
        }
        Path absolute = outFile.toAbsolutePath();
        Path partial = absolute.resolveSibling("." + absolute.getFileName() + ".partial");
        ExportSummary summary;
        long total = exporter.count(tenant, filter);
        Progress progress = total >= LeadImportCommand.PROGRESS_MIN_RECORDS
                ? out().progress("export " + outFile.getFileName(), total, Progress.Unit.COUNT) : null;
        try (Writer writer = new BufferedWriter(Files.newBufferedWriter(partial, StandardCharsets.UTF_8))) {
            summary = exporter.export(tenant, filter, fileFormat, bom, writer, n -> {
                if (progress != null) {
                    progress.set(n);
                }
            });
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        } finally {
            if (progress != null) {
                progress.close();
            }
        }
        Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Result result = new Result(absolute.toString(), summary.format(), summary.leads(), summary.columns());
        out().emit(result, out -> out.line("Exported " + result.leads() + " leads of tenant '" + tenant.slug()
                + "' to " + result.file()));
        return ExitCode.OK;
    }

    /** -o json with --out. */
    record Result(String file, String format, long leads, java.util.List<String> columns) {
    }
}
