package io.moked.crm.lead.files;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** What a lead export wrote. */
@Serdeable
public record ExportSummary(String format, long leads, List<String> columns) {
}
