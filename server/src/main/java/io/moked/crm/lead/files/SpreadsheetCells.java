package io.moked.crm.lead.files;

/**
 * Cells that a spreadsheet would run as a formula (they start with = + - @, tab or CR: "CSV injection") are written
 * with a leading apostrophe, so a caller's name like {@code =HYPERLINK(...)} stays text in Excel; import removes
 * that apostrophe again, so export and import round-trip.
 */
public final class SpreadsheetCells {
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private SpreadsheetCells() {
    }

    public static String escape(String value) {
        return value != null && !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    public static String unescape(String value) {
        return value != null && value.length() > 1 && value.charAt(0) == '\''
                && FORMULA_STARTS.indexOf(value.charAt(1)) >= 0 ? value.substring(1) : value;
    }
}
