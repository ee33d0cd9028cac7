package io.moked.crm.lead.files;

import io.micronaut.core.annotation.Nullable;
import io.moked.crm.lead.DuplicatePolicy;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;

/**
 * How to import a lead file.
 *
 * @param map      column header to target ({@code --map}), on top of the header map
 * @param rejects  where rejected rows go; null = {@code <file name>.rejects.csv|jsonl} beside the file, created only
 *                 when a row is rejected
 * @param encoding null = detected ({@link TextEncoding})
 */
public record ImportOptions(Map<String, String> map, DuplicatePolicy policy, boolean dryRun, @Nullable Path rejects,
                            @Nullable Charset encoding) {

    public ImportOptions {
        map = map == null ? Map.of() : Map.copyOf(map);
        policy = policy == null ? DuplicatePolicy.SKIP : policy;
    }

    public static ImportOptions defaults() {
        return new ImportOptions(Map.of(), DuplicatePolicy.SKIP, false, null, null);
    }
}
