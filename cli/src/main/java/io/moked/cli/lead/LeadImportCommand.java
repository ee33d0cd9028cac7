package io.moked.cli.lead;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;

import io.moked.cli.ActorOption;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.cli.output.Fields;
import io.moked.cli.output.Output;
import io.moked.cli.output.Progress;
import io.moked.crm.lead.DuplicatePolicy;
import io.moked.crm.lead.files.ImportOptions;
import io.moked.crm.lead.files.ImportProgress;
import io.moked.crm.lead.files.ImportSummary;
import io.moked.crm.lead.files.LeadImporter;
import io.moked.crm.lead.files.TextEncoding;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = {
        "Import leads from a spreadsheet export: CSV (header line first), JSON Lines, or a JSON array.",
        "Encoding: UTF-8 with or without BOM, or Windows-1255 (older Excel), detected unless --encoding is given.",
        "Columns are recognised by common Hebrew and English headers (טלפון, נייד, שם, שם פרטי, אימייל, דוא\"ל, "
                + "עיר/אזור, תקציב, הערות, phone, name, email, ...); --map names others. Phones become E.164.",
        "Duplicates (a phone already a lead, or repeated in the file) follow --on-duplicate:",
        "  skip   (default) keep the stored lead; in the file, the first row of a phone counts",
        "  update the row's non-empty values replace the stored ones; in the file, the last row counts",
        "  merge  fill what the lead lacks, union lists (areas), keep stored values; file rows combine in order",
        "Bad rows go to the rejects file (line, reason, the row as it was); good rows import. A second run of the "
                + "same file changes nothing. Details: docs/leads.md."})
public final class LeadImportCommand extends AgentctlCommand {
    /** Files with fewer records finish too fast for a progress bar to help. */
    static final long PROGRESS_MIN_RECORDS = 2_000;

    @Mixin
    LeadTarget target;

    @Parameters(paramLabel = "FILE", description = "The file: .csv, .jsonl or .json.")
    Path file;

    @Option(names = "--map", split = ",", paramLabel = "COLUMN=FIELD", description = {"What a column holds: phone, "
            + "name, first-name, last-name, email, status, ignore, or a qualification field key (budget, areas, "
            + "rooms, ...). E.g. --map 'Client=name,Floor=floor'."})
    Map<String, String> map;

    @Option(names = "--on-duplicate", paramLabel = "skip|update|merge", defaultValue = "skip",
            description = "What to do with a phone that is already a lead or repeats in the file (default skip).")
    DuplicatePolicy policy;

    @Option(names = "--dry-run", description = "Check and count everything, write nothing to the database.")
    boolean dryRun;

    @Option(names = "--rejects", paramLabel = "FILE", description = "Where rejected rows go (default: "
            + "NAME.rejects.csv or .jsonl beside the input, written only when a row is rejected).")
    Path rejects;

    @Option(names = "--encoding", paramLabel = "NAME", description = "utf-8, windows-1255, ... (default: detected).")
    String encoding;

    @Mixin
    ActorOption actor;

    @Override
    protected int execute() throws Exception {
        Tenant tenant = target.tenant(runtime());
        Charset charset = encoding == null ? null : TextEncoding.named(encoding);
        String who = actor.resolve(runtime());
        ImportSummary summary;
        try (ProgressBridge progress = new ProgressBridge(out(), "import " + file.getFileName())) {
            summary = service(LeadImporter.class).importFile(tenant, file,
                    new ImportOptions(map, policy, dryRun, rejects, charset), progress, who);
        }
        out().emit(summary, out -> render(out, tenant, summary));
        return ExitCode.OK;
    }

    private static void render(Output out, Tenant tenant, ImportSummary s) {
        out.line((s.dryRun() ? "Dry run (nothing written): " : "Imported ") + s.file() + " into tenant '"
                + tenant.slug() + "' (" + s.format() + ", " + s.encoding() + ", duplicates: " + s.policy() + ")");
        Fields.create()
                .add("Read", s.read())
                .add("Created", s.created())
                .add("Updated", s.updated())
                .add("Unchanged", s.unchanged())
                .add("Skipped", s.skipped() + (s.skipped() == 0 ? "" : " (already leads " + s.skippedExisting()
                        + ", repeated in the file " + s.skippedInFile() + ", empty rows " + s.skippedEmpty() + ")"))
                .add("Rejected", s.rejected() + (s.rejectsFile() == null ? "" : "  -> " + s.rejectsFile()))
                .render(out);
        if (!s.ignoredColumns().isEmpty()) {
            out.line("Ignored columns: " + String.join(", ", s.ignoredColumns())
                    + " (import them with --map 'COLUMN=FIELD')");
        }
        if (!s.problems().isEmpty()) {
            out.line(s.problems().size() < s.rejected() ? "First rejected rows:" : "Rejected rows:");
            s.problems().forEach(p -> out.line("  line " + p.line() + ": " + p.reason()));
        }
    }

    /** Shows a progress bar once the importer knows the file is large. */
    private static final class ProgressBridge implements ImportProgress, AutoCloseable {
        private final Output out;
        private final String label;
        private Progress progress;

        ProgressBridge(Output out, String label) {
            this.out = out;
            this.label = label;
        }

        @Override
        public void start(long records) {
            if (records >= PROGRESS_MIN_RECORDS) {
                progress = out.progress(label, records, Progress.Unit.COUNT);
            }
        }

        @Override
        public void advance(long records) {
            if (progress != null) {
                progress.advance(records);
            }
        }

        @Override
        public void close() {
            if (progress != null) {
                progress.close();
            }
        }
    }
}
