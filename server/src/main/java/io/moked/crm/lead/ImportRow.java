package io.moked.crm.lead;

/**
 * One valid row of an import file, ready to be written.
 *
 * @param line  where the row starts in the file (1-based), for messages
 * @param phone E.164
 */
public record ImportRow(long line, String phone, LeadValues values) {
}
