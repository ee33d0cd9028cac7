package io.moked.crm.lead.files;

import io.moked.error.ValidationException;

import java.nio.file.Path;
import java.util.Locale;

/** Lead file formats, recognised by extension. */
public enum LeadFileFormat {
    /** RFC 4180, header line first (.csv; .tsv and .txt are read the same way, the delimiter is detected). */
    CSV,
    /** One JSON object per line (.jsonl, .ndjson). */
    JSONL,
    /** One JSON array of objects (.json). */
    JSON;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LeadFileFormat of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
            return CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSONL;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        throw new ValidationException("cannot tell the format of '" + file.getFileName() + "': name it .csv, .jsonl "
                + "or .json");
    }
}
