package io.moked.crm.lead.files;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;

/**
 * One record of an import file before it is checked: column names with their values, as the file has them.
 *
 * @param line     where the record starts in the file (1-based)
 * @param columns  the header (CSV) or the keys (JSON), in order; {@code values} has one value per column
 * @param fields   JSON only: the nested {@code "fields"} object (qualification key to value), as our export writes it
 * @param original the record's text as in the file (rejects file)
 * @param problem  why the record cannot be read as a lead at all (e.g. not a JSON object), else null
 */
public record SourceRecord(long line, List<String> columns, List<String> values, Map<String, String> fields,
                           String original, @Nullable String problem) {

    public static SourceRecord invalid(long line, String original, String problem) {
        return new SourceRecord(line, List.of(), List.of(), Map.of(), original, problem);
    }
}
