package io.moked.crm.lead.files;

import io.micronaut.core.annotation.Nullable;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Reads an import file record by record, holding only the current record in memory. */
public interface RecordSource extends Closeable {

    /** The CSV header as in the file; empty for JSON (every record names its own keys). */
    List<String> header();

    /**
     * @return the next record, null at the end
     * @throws io.moked.error.ValidationException when the file itself is malformed (it names the line); the import
     *                                            stops there
     */
    @Nullable
    SourceRecord next() throws IOException;
}
