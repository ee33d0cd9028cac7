package io.moked.crm.lead.files;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code moked.lead-files.*}: lead import and export (agentctl lead import|export).
 *
 * @param headersFile a header map replacing the built-in {@code lead-import-headers.yaml}; empty = built-in
 * @param batchRows   rows written per transaction by an import
 * @param pageRows    rows read per query by an export
 */
@ConfigurationProperties("moked.lead-files")
public record LeadFilesConfig(@Bindable(defaultValue = "") String headersFile,
                              @Bindable(defaultValue = "500") int batchRows,
                              @Bindable(defaultValue = "500") int pageRows) {
}
