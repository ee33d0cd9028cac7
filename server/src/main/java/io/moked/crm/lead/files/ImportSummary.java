package io.moked.crm.lead.files;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The result of a lead import. {@code read = created + updated + unchanged + skipped + rejected}.
 *
 * @param skippedExisting the phone was already a lead (policy skip)
 * @param skippedInFile   another row of the file with the same phone was used instead (skip: the first; update:
 *                        the last)
 * @param skippedEmpty    rows without any value
 * @param rejectsFile     where rejected rows were written, null when none was written
 * @param ignoredColumns  columns the header map does not know (add them with --map)
 * @param problems        the first rejected rows (line and reason); all of them are in the rejects file
 */
@Serdeable
public record ImportSummary(String file, String format, String encoding, String policy, boolean dryRun, long read,
                            long created, long updated, long unchanged, long skipped, long rejected,
                            long skippedExisting, long skippedInFile, long skippedEmpty,
                            @Nullable String rejectsFile, List<String> ignoredColumns, List<Problem> problems) {

    /** A rejected row. */
    @Serdeable
    public record Problem(long line, String reason) {
    }
}
