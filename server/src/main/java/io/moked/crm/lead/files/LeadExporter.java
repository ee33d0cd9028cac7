package io.moked.crm.lead.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.moked.config.MokedConfig;
import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadFilter;
import io.moked.crm.lead.LeadQueries;
import io.moked.crm.tenant.Tenant;
import io.moked.error.ValidationException;
import jakarta.inject.Singleton;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * Writes a tenant's leads as CSV or JSON Lines, page by page ({@link LeadQueries#page}): memory stays constant
 * however many leads there are. Both formats import back unchanged (agentctl lead import).
 * <ul>
 *   <li>CSV is for spreadsheets: RFC 4180 with CRLF, optional BOM so Excel reads Hebrew as UTF-8, phones as people
 *       write them (052-555-1234, which Excel keeps as text; numbers of other countries in international form),
 *       times in the tenant's zone, formula-looking cells escaped ({@link SpreadsheetCells}). Columns: phone,
 *       name, email, status (code), tier, score, source, created_at, updated_at, then one column per qualification
 *       field found (those the header map knows first, in its order, then the others as fields.KEY).</li>
 *   <li>JSON Lines is for programs: one object per lead, phone in E.164, times as UTC instants, fields nested.</li>
 * </ul>
 */
@Singleton
public class LeadExporter {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<String> CSV_COLUMNS = List.of("phone", "name", "email", "status", "tier", "score",
            "source", "created_at", "updated_at");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LeadQueries queries;
    private final HeaderMaps headerMaps;
    private final LeadFilesConfig config;
    private final String region;

    LeadExporter(LeadQueries queries, HeaderMaps headerMaps, LeadFilesConfig config, MokedConfig moked) {
        this.queries = queries;
        this.headerMaps = headerMaps;
        this.config = config;
        this.region = moked.phoneRegion().toUpperCase(Locale.ROOT);
    }

    /** How many leads the filter selects (for a progress bar). */
    public long count(Tenant tenant, LeadFilter filter) {
        return queries.count(tenant, filter);
    }

    /**
     * @param bom      CSV only: start with a byte order mark (Excel)
     * @param progress told the number of leads written so far, after each page
     */
    public ExportSummary export(Tenant tenant, LeadFilter filter, LeadFileFormat format, boolean bom, Writer out,
                                LongConsumer progress) throws IOException {
        if (format == LeadFileFormat.JSON) {
            throw new ValidationException("export writes csv or jsonl");
        }
        if (bom && format != LeadFileFormat.CSV) {
            throw new ValidationException("--bom is for CSV (Excel); JSON Lines readers do not expect one");
        }
        return format == LeadFileFormat.CSV ? csv(tenant, filter, bom, out, progress)
                : jsonLines(tenant, filter, out, progress);
    }

    private ExportSummary csv(Tenant tenant, LeadFilter filter, boolean bom, Writer out, LongConsumer progress)
            throws IOException {
        HeaderMap map = headerMaps.get();
        List<String> keys = fieldKeys(tenant, filter, map);
        List<String> columns = new ArrayList<>(CSV_COLUMNS);
        keys.forEach(k -> columns.add(map.exportHeader(k)));
        if (bom) {
            out.write('\uFEFF');
        }
        CSVPrinter printer = CSVFormat.RFC4180.print(out);
        printer.printRecord(columns);
        ZoneId zone = tenant.zoneId();
        long written = 0;
        for (List<Lead> page = queries.page(tenant, filter, 0, pageRows()); !page.isEmpty();
             page = queries.page(tenant, filter, page.get(page.size() - 1).id(), pageRows())) {
            for (Lead lead : page) {
                List<String> row = new ArrayList<>(columns.size());
                row.add(displayPhone(lead.phone()));
                row.add(lead.name());
                row.add(lead.email());
                row.add(lead.status());
                row.add(lead.tier() == null ? null : lead.tier().id());
                row.add(lead.score() == null ? null : lead.score().toString());
                row.add(lead.source().id());
                row.add(LOCAL_TIME.format(lead.createdAt().atZone(zone)));
                row.add(LOCAL_TIME.format(lead.updatedAt().atZone(zone)));
                keys.forEach(k -> row.add(lead.qualification().get(k)));
                printer.printRecord(row.stream().map(SpreadsheetCells::escape).toList());
            }
            written += page.size();
            printer.flush();
            progress.accept(written);
        }
        return new ExportSummary(LeadFileFormat.CSV.id(), written, columns);
    }

    private ExportSummary jsonLines(Tenant tenant, LeadFilter filter, Writer out, LongConsumer progress)
            throws IOException {
        long written = 0;
        for (List<Lead> page = queries.page(tenant, filter, 0, pageRows()); !page.isEmpty();
             page = queries.page(tenant, filter, page.get(page.size() - 1).id(), pageRows())) {
            for (Lead lead : page) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("phone", lead.phone());
                line.put("name", lead.name());
                line.put("email", lead.email());
                line.put("status", lead.status());
                line.put("tier", lead.tier() == null ? null : lead.tier().id());
                line.put("score", lead.score());
                line.put("source", lead.source().id());
                line.put(JsonRecords.FIELDS_KEY, lead.qualification());
                line.put("createdAt", lead.createdAt().toString());
                line.put("updatedAt", lead.updatedAt().toString());
                out.write(JSON.writeValueAsString(line));
                out.write('\n');
            }
            written += page.size();
            out.flush();
            progress.accept(written);
        }
        return new ExportSummary(LeadFileFormat.JSONL.id(), written, List.of());
    }

    /** Every qualification key of the selected leads: a first read of the same pages, keeping only the keys. */
    private List<String> fieldKeys(Tenant tenant, LeadFilter filter, HeaderMap map) {
        TreeSet<String> found = new TreeSet<>();
        for (List<Lead> page = queries.page(tenant, filter, 0, pageRows()); !page.isEmpty();
             page = queries.page(tenant, filter, page.get(page.size() - 1).id(), pageRows())) {
            page.forEach(lead -> found.addAll(lead.qualification().keySet()));
        }
        List<String> keys = new ArrayList<>();
        for (String known : map.fieldOrder()) {
            if (found.remove(known)) {
                keys.add(known);
            }
        }
        keys.addAll(found);
        return keys;
    }

    /** 052-555-1234 for numbers of the appliance's region, +44 20 7946 0958 otherwise. */
    String displayPhone(String e164) {
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(e164, region);
            return region.equals(PHONES.getRegionCodeForNumber(number))
                    ? PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.NATIONAL)
                    : PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }

    private int pageRows() {
        return Math.max(1, config.pageRows());
    }
}
