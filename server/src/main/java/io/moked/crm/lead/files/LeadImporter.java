package io.moked.crm.lead.files;

import io.moked.crm.PhoneNumbers;
import io.moked.crm.audit.AuditService;
import io.moked.crm.lead.LeadMerge;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadStatus;
import io.moked.crm.tenant.Tenant;
import io.moked.error.ValidationException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports leads from a CSV, JSON Lines or JSON file (agentctl lead import; docs/leads.md).
 * <p>
 * Two passes over the file, neither holding more than one record: the first checks every row and notes the first
 * and last line of each phone ({@link PhoneIndex}), the second decides and writes in batches ({@link ImportRun}).
 * Knowing the whole file up front makes duplicates inside it resolve the same way in every run and in a dry run,
 * and gives the progress bar its total. Good rows import even when others are rejected; rejected rows go to the
 * rejects file with their line and reason.
 * <p>
 * One audit entry per import (counts, file, policy), not one per row: the rows are in the file the admin still has,
 * per-row entries would double the writes of a large import and copy every person's data into the audit log (which
 * a privacy erasure would then have to find), and the leads themselves carry source "import" and their times.
 */
@Singleton
public class LeadImporter {
    private static final String AUDIT_ACTION = "lead.import";

    private final LeadService leads;
    private final PhoneNumbers phones;
    private final AuditService audit;
    private final LeadFilesConfig config;
    private final HeaderMaps headerMaps;

    LeadImporter(LeadService leads, PhoneNumbers phones, AuditService audit, LeadFilesConfig config,
                 HeaderMaps headerMaps) {
        this.leads = leads;
        this.phones = phones;
        this.audit = audit;
        this.config = config;
        this.headerMaps = headerMaps;
    }

    /**
     * @throws ValidationException when the file cannot be imported at all (missing, unknown type, no phone column,
     *                             malformed CSV/JSON structure: the message names the line)
     */
    public ImportSummary importFile(Tenant tenant, Path file, ImportOptions options, ImportProgress progress,
                                    String actor) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ValidationException("no such file: " + file);
        }
        LeadFileFormat format = LeadFileFormat.of(file);
        Charset charset = options.encoding() != null ? options.encoding() : TextEncoding.detect(file);
        HeaderMap map = headerMaps.get().with(options.map());
        List<LeadStatus> statuses = leads.statuses(tenant);

        FileTime modified = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        PhoneIndex index = new PhoneIndex();
        long records = 0;
        List<String> header;
        try (RecordSource source = open(format, file, charset)) {
            header = source.header();
            RowMapper mapper = new RowMapper(map, phones, statuses);
            if (format == LeadFileFormat.CSV) {
                mapper.requirePhoneColumn(header);
                mapper.requireMapped(header, options.map());
            }
            for (SourceRecord r = source.next(); r != null; r = source.next()) {
                records++;
                if (mapper.map(r) instanceof RowMapper.Row row) {
                    index.add(row.row().phone(), r.line());
                    index.addRecord(row.row().phone());
                } else {
                    index.addRecord(null);
                }
            }
        }

        if (!modified.equals(Files.getLastModifiedTime(file)) || size != Files.size(file)) {
            throw new ValidationException(file + " changed while it was being read; nothing was imported, run again");
        }
        Path rejectsPath = options.rejects() != null ? options.rejects() : defaultRejects(file, format);
        LeadMerge merge = new LeadMerge(options.policy(), map.listFields());
        RowMapper mapper = new RowMapper(map, phones, statuses);
        ImportRun run;
        try (RejectsWriter rejects = format == LeadFileFormat.CSV ? RejectsWriter.csv(rejectsPath, header)
                : RejectsWriter.jsonLines(rejectsPath)) {
            if (options.rejects() != null) {
                rejects.open();
            }
            run = new ImportRun(leads, tenant, merge, actor, options.dryRun(), index, Math.max(1, config.batchRows()),
                    rejects);
            progress.start(records);
            try (RecordSource source = open(format, file, charset)) {
                int ordinal = 0;
                for (SourceRecord r = source.next(); r != null; r = source.next()) {
                    run.accept(r, mapper.map(r, index.recordPhone(ordinal++)));
                    progress.advance(1);
                }
                run.flush();
            } catch (RuntimeException | IOException e) {
                if (!options.dryRun() && run.created + run.updated > 0) {
                    audit.record(tenant.id(), actor, AUDIT_ACTION, "lead-import", name(file), null,
                            auditCounts(file, options, run, "stopped: " + clip(String.valueOf(e.getMessage()))));
                }
                throw e;
            }
            ImportSummary summary = new ImportSummary(file.toString(), format.id(), charset.name(),
                    options.policy().id(), options.dryRun(), run.read, run.created, run.updated, run.unchanged,
                    run.skipped(), run.rejected, run.skippedExisting, run.skippedInFile, run.skippedEmpty,
                    rejects.opened() ? rejects.file().toString() : null, mapper.ignoredColumns(), run.problems());
            if (!options.dryRun()) {
                audit.record(tenant.id(), actor, AUDIT_ACTION, "lead-import", name(file), null,
                        auditCounts(file, options, run, "complete"));
            }
            return summary;
        }
    }

    private static RecordSource open(LeadFileFormat format, Path file, Charset charset) throws IOException {
        Reader reader = TextEncoding.open(file, charset);
        try {
            return switch (format) {
                case CSV -> new CsvRecordSource(reader);
                case JSONL -> JsonRecords.lines(reader);
                case JSON -> JsonRecords.array(reader);
            };
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** leads.csv -> leads.rejects.csv beside it (JSON input: .rejects.jsonl). */
    static Path defaultRejects(Path file, LeadFileFormat format) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return file.resolveSibling(base + ".rejects." + (format == LeadFileFormat.CSV ? "csv" : "jsonl"));
    }

    private static String name(Path file) {
        String name = file.getFileName().toString();
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    private static String clip(String text) {
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    private static Map<String, Object> auditCounts(Path file, ImportOptions options, ImportRun run, String state) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("file", file.toAbsolutePath().toString());
        counts.put("policy", options.policy().id());
        counts.put("state", state);
        counts.put("read", run.read);
        counts.put("created", run.created);
        counts.put("updated", run.updated);
        counts.put("unchanged", run.unchanged);
        counts.put("skipped", run.skipped());
        counts.put("rejected", run.rejected);
        return counts;
    }
}
