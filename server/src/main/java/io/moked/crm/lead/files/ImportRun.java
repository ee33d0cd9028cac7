package io.moked.crm.lead.files;

import io.moked.crm.DbErrors;
import io.moked.crm.lead.ImportOutcome;
import io.moked.crm.lead.ImportRow;
import io.moked.crm.lead.LeadMerge;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadValues;
import io.moked.crm.tenant.Tenant;
import io.moked.error.ValidationException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writing pass of one import: rows are checked, duplicates inside the file resolved with the {@link PhoneIndex}
 * of the first pass, and the rest written in batches of {@code batchRows}, one transaction each. When a batch fails
 * on one row (a validation rule, or a lead created at the same moment by a call), its rows are retried one by one so
 * only that row is rejected.
 */
final class ImportRun {
    static final int MAX_PROBLEMS = 20;

    private final LeadService leads;
    private final String actor;
    private final Tenant tenant;
    private final LeadMerge merge;
    private final boolean dryRun;
    private final PhoneIndex index;
    private final int batchRows;
    private final RejectsWriter rejects;
    private final List<ImportRow> batch = new ArrayList<>();
    private final List<SourceRecord> batchRecords = new ArrayList<>();
    /** Dry run only: what earlier rows would have written for phones that come again later in the file. */
    private final Map<String, LeadValues> pending = new HashMap<>();
    private final List<ImportSummary.Problem> problems = new ArrayList<>();
    long read;
    long created;
    long updated;
    long unchanged;
    long rejected;
    long skippedExisting;
    long skippedInFile;
    long skippedEmpty;

    ImportRun(LeadService leads, Tenant tenant, LeadMerge merge, String actor, boolean dryRun, PhoneIndex index,
              int batchRows, RejectsWriter rejects) {
        this.leads = leads;
        this.actor = actor;
        this.tenant = tenant;
        this.merge = merge;
        this.dryRun = dryRun;
        this.index = index;
        this.batchRows = batchRows;
        this.rejects = rejects;
    }

    void accept(SourceRecord record, RowMapper.Result result) {
        read++;
        if (result instanceof RowMapper.Rejected r) {
            reject(record, r.reason());
        } else if (result instanceof RowMapper.Row r) {
            ImportRow row = r.row();
            if (duplicateInFile(row)) {
                skippedInFile++;
                return;
            }
            batch.add(row);
            batchRecords.add(record);
            if (batch.size() >= batchRows) {
                flush();
            }
        } else {
            skippedEmpty++;
        }
    }

    /** skip: the first row of a phone counts; update: the last; merge: every row, in order. */
    private boolean duplicateInFile(ImportRow row) {
        return switch (merge.policy()) {
            case SKIP -> index.first(row.phone()) != row.line();
            case UPDATE -> index.last(row.phone()) != row.line();
            case MERGE -> false;
        };
    }

    void flush() {
        if (batch.isEmpty()) {
            return;
        }
        try {
            count(leads.importBatch(tenant, batch, merge, actor, dryRun, pending));
        } catch (RuntimeException e) {
            if (!rowLevel(e)) {
                throw e;
            }
            for (int i = 0; i < batch.size(); i++) {
                try {
                    count(leads.importBatch(tenant, List.of(batch.get(i)), merge, actor, dryRun, pending));
                } catch (RuntimeException rowError) {
                    if (!rowLevel(rowError)) {
                        throw rowError;
                    }
                    reject(batchRecords.get(i), reason(rowError));
                }
            }
        }
        long lastLine = batch.get(batch.size() - 1).line();
        pending.keySet().removeIf(phone -> index.last(phone) <= lastLine);
        batch.clear();
        batchRecords.clear();
    }

    private void count(List<ImportOutcome> outcomes) {
        for (ImportOutcome o : outcomes) {
            switch (o.kind()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
                case SKIPPED_EXISTING -> skippedExisting++;
            }
            if (dryRun && o.after() != null && index.last(o.phone()) > o.line()) {
                pending.put(o.phone(), o.after());
            }
        }
    }

    private void reject(SourceRecord record, String reason) {
        rejected++;
        rejects.write(record, reason);
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new ImportSummary.Problem(record.line(), reason));
        }
    }

    /** Errors that concern one row; anything else (database down, disk full) stops the import. */
    private static boolean rowLevel(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ValidationException) {
                return true;
            }
        }
        return DbErrors.isUniqueViolation(e);
    }

    private static String reason(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ValidationException) {
                return t.getMessage();
            }
        }
        return "the lead was created at the same moment by someone else; import the file again";
    }

    long skipped() {
        return skippedExisting + skippedInFile + skippedEmpty;
    }

    List<ImportSummary.Problem> problems() {
        return List.copyOf(problems);
    }
}
