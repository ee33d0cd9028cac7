package io.moked.crm.lead.files;

import io.moked.crm.audit.AuditEntry;
import io.moked.crm.audit.AuditService;
import io.moked.crm.lead.DuplicatePolicy;
import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadPatch;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadSource;
import io.moked.crm.lead.LeadUpsert;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.error.ValidationException;
import io.moked.testsupport.DbTestBase;
import io.moked.testsupport.Fixtures;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lead import on a real database. Batches are two rows here, so duplicates, retries and dry runs cross batch
 * boundaries even in these small files.
 */
abstract class LeadImportContract extends DbTestBase {
    static final String ACTOR = "importer";

    @Inject
    TenantService tenants;
    @Inject
    LeadService leads;
    @Inject
    LeadImporter importer;
    @Inject
    AuditService audit;
    @Inject
    LeadExporter exporter;

    @TempDir
    Path dir;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("moked.lead-files.batch-rows", "2");
    }

    @Test
    void goodRowsImportAndEveryBadRowGoesToTheRejectsFileWithLineAndReason() throws IOException {
        Tenant t = Fixtures.tenant(tenants, "imp-mixed", "+97235550100");
        Path file = write("mixed.csv", """
                שם,טלפון,דוא"ל,עיר/אזור,תקציב,הערות
                דנה כהן,052-555-1001,dana@example.com,"תל אביב, רמת גן",2500000,מחפשת 4 חדרים
                יוסי,12345,,חיפה,,
                רון,054-555-1002,not-an-email,,,
                ,,,,,
                "מיכל, לוי",+972 50 555 1003,,"ירושלים; ירושלים",,"שורה 1
                שורה 2"
                אבי,050-555-1004,avi@example.com,,,,extra
                נועה,050-555-1005,,,,
                """);
        Path rejects = dir.resolve("mixed-rejects.csv");
        ImportSummary s = importer.importFile(t, file, options(DuplicatePolicy.SKIP, false, rejects), ImportProgress.NONE,
                ACTOR);

        assertEquals(List.of(7L, 3L, 0L, 0L, 1L, 3L), List.of(s.read(), s.created(), s.updated(), s.unchanged(),
                s.skipped(), s.rejected()));
        assertEquals(1, s.skippedEmpty());
        assertEquals("UTF-8", s.encoding());
        assertEquals(List.of(3L, 4L, 8L), s.problems().stream().map(ImportSummary.Problem::line).toList());
        String expected = "\uFEFF" + String.join("\r\n",
                "line,reason,שם,טלפון,\"דוא\"\"ל\",עיר/אזור,תקציב,הערות",
                "3," + s.problems().get(0).reason() + ",יוסי,12345,,חיפה,,",
                "4,invalid email address 'not-an-email',רון,054-555-1002,not-an-email,,,",
                "8,the row has 7 cells but the header has 6 (a comma inside a value that is not in quotes?),"
                        + "אבי,050-555-1004,avi@example.com,,,,extra",
                "");
        assertEquals(expected, Files.readString(rejects, StandardCharsets.UTF_8));
        assertTrue(s.problems().get(0).reason().startsWith("invalid phone number '12345'"), s.problems().get(0).reason());

        Lead dana = leads.findByPhone(t, "+972525551001").orElseThrow();
        assertEquals("דנה כהן", dana.name());
        assertEquals(LeadSource.IMPORT, dana.source());
        assertEquals("new", dana.status());
        assertEquals(Map.of("areas", "תל אביב, רמת גן", "budget", "2500000", "notes", "מחפשת 4 חדרים"),
                dana.qualification());
        Lead michal = leads.findByPhone(t, "+972505551003").orElseThrow();
        assertEquals("מיכל, לוי", michal.name());
        assertEquals(Map.of("areas", "ירושלים", "notes", "שורה 1\nשורה 2"), michal.qualification());
        assertTrue(leads.findByPhone(t, "+972505551005").isPresent(), "the row after the multi-line one imports");

        List<AuditEntry> imports = audit.forTenant(t, 20).stream().filter(e -> e.action().equals("lead.import"))
                .toList();
        assertEquals(1, imports.size(), "one audit entry per import, not per row");
        assertEquals(ACTOR, imports.get(0).actor());
        assertTrue(imports.get(0).after().contains("\"created\":3"), imports.get(0).after());
        assertFalse(imports.get(0).after().contains("דנה"), "no personal data in the audit entry");
    }

    @Test
    void skipKeepsStoredLeadsAndTheFirstRowOfAPhone() throws IOException {
        Tenant t = duplicatesTenant("imp-skip");
        ImportSummary s = importer.importFile(t, duplicatesFile(), options(DuplicatePolicy.SKIP, false, null),
                ImportProgress.NONE, ACTOR);
        assertEquals(List.of(1L, 0L, 0L, 1L, 1L), List.of(s.created(), s.updated(), s.unchanged(), s.skippedExisting(),
                s.skippedInFile()));
        assertEquals(stored(), values(t, "+972525552001"));
        assertEquals(List.of("Ron", "", "חיפה", ""), values(t, "+972525552002"));
        rerunChangesNothing(t, DuplicatePolicy.SKIP, 0, 2);
    }

    @Test
    void updateTakesTheRowsNonEmptyValuesAndTheLastRowOfAPhone() throws IOException {
        Tenant t = duplicatesTenant("imp-update");
        ImportSummary s = importer.importFile(t, duplicatesFile(), options(DuplicatePolicy.UPDATE, false, null),
                ImportProgress.NONE, ACTOR);
        assertEquals(List.of(1L, 1L, 0L, 0L, 1L), List.of(s.created(), s.updated(), s.unchanged(), s.skippedExisting(),
                s.skippedInFile()));
        assertEquals(List.of("Dana K", "dana@example.com", "רמת גן", "2000000"), values(t, "+972525552001"));
        assertEquals(List.of("Ronny", "ron@example.com", "עכו", "900000"), values(t, "+972525552002"));
        assertEquals("call", leads.findByPhone(t, "+972525552001").orElseThrow().source().id(),
                "the source records the first contact");
        rerunChangesNothing(t, DuplicatePolicy.UPDATE, 2, 0);
    }

    @Test
    void mergeFillsGapsUnionsListsAndKeepsStoredValues() throws IOException {
        Tenant t = duplicatesTenant("imp-merge");
        ImportSummary s = importer.importFile(t, duplicatesFile(), options(DuplicatePolicy.MERGE, false, null),
                ImportProgress.NONE, ACTOR);
        assertEquals(List.of(1L, 2L, 0L, 0L, 0L), List.of(s.created(), s.updated(), s.unchanged(), s.skippedExisting(),
                s.skippedInFile()));
        assertEquals(List.of("דנה", "dana@example.com", "תל אביב, רמת גן", "1000000"), values(t, "+972525552001"));
        assertEquals(List.of("Ron", "ron@example.com", "חיפה, עכו", "900000"), values(t, "+972525552002"));
        rerunChangesNothing(t, DuplicatePolicy.MERGE, 3, 0);
    }

    @Test
    void aDryRunCountsWhatARunWouldDoAndWritesNothing() throws IOException {
        Tenant t = duplicatesTenant("imp-dry");
        Lead before = leads.findByPhone(t, "+972525552001").orElseThrow();
        for (DuplicatePolicy policy : DuplicatePolicy.values()) {
            ImportSummary dry = importer.importFile(t, duplicatesFile(), options(policy, true, null),
                    ImportProgress.NONE, ACTOR);
            assertTrue(dry.dryRun());
            Tenant fresh = duplicatesTenant("imp-dry-" + policy.id());
            ImportSummary real = importer.importFile(fresh, duplicatesFile(), options(policy, false, null),
                    ImportProgress.NONE, ACTOR);
            assertEquals(List.of(real.created(), real.updated(), real.unchanged(), real.skipped()),
                    List.of(dry.created(), dry.updated(), dry.unchanged(), dry.skipped()), policy.id());
        }
        assertEquals(before, leads.findByPhone(t, "+972525552001").orElseThrow());
        assertTrue(leads.findByPhone(t, "+972525552002").isEmpty());
        assertTrue(audit.forTenant(t, 50).stream().noneMatch(e -> e.action().equals("lead.import")),
                "a dry run writes nothing, so it is not audited");
    }

    @Test
    void windows1255AndBomFilesWithHebrewHeadersAreDetected() throws IOException {
        Tenant t = Fixtures.tenant(tenants, "imp-enc", "+97235550300");
        String csv = "שם פרטי,שם משפחה,נייד,אימייל,סטטוס\r\nשרה,לוי,052-555-3001,sara@example.com,נוצר קשר\r\n";
        Path cp1255 = dir.resolve("excel-1255.csv");
        Files.write(cp1255, csv.getBytes(TextEncoding.WINDOWS_1255));
        ImportSummary legacy = importer.importFile(t, cp1255, ImportOptions.defaults(), ImportProgress.NONE, ACTOR);
        assertEquals("windows-1255", legacy.encoding());
        Lead sara = leads.findByPhone(t, "+972525553001").orElseThrow();
        assertEquals("שרה לוי", sara.name());
        assertEquals("contacted", sara.status(), "a status label is read as its code");

        Path bom = dir.resolve("excel-utf8.csv");
        Files.writeString(bom, "\uFEFF" + csv.replace("3001", "3002"), StandardCharsets.UTF_8);
        ImportSummary utf8 = importer.importFile(t, bom, ImportOptions.defaults(), ImportProgress.NONE, ACTOR);
        assertEquals("UTF-8", utf8.encoding());
        assertEquals(1, utf8.created(), "the BOM is not part of the first header");
        assertEquals("שרה לוי", leads.findByPhone(t, "+972525553002").orElseThrow().name());
    }

    @Test
    void jsonLinesAndJsonArraysImportWithNestedFieldsAndPerLineRejects() throws IOException {
        Tenant t = Fixtures.tenant(tenants, "imp-json", "+97235550400");
        Path jsonl = write("leads.jsonl", """
                {"phone":"052-555-4001","name":"דנה","fields":{"budget":2500000,"areas":["תל אביב","יפו"],"pre_approved":true}}
                {"טלפון":"052-555-4002","שם":"רון"}
                this is not json

                {"phone":"052-555-4003","name":{"first":"x"}}
                """);
        Path rejects = dir.resolve("json-rejects.jsonl");
        ImportSummary s = importer.importFile(t, jsonl, options(DuplicatePolicy.SKIP, false, rejects),
                ImportProgress.NONE, ACTOR);
        assertEquals(List.of(4L, 2L, 2L), List.of(s.read(), s.created(), s.rejected()));
        assertEquals(Map.of("budget", "2500000", "areas", "תל אביב, יפו", "pre_approved", "yes"),
                leads.findByPhone(t, "+972525554001").orElseThrow().qualification());
        assertEquals("רון", leads.findByPhone(t, "+972525554002").orElseThrow().name());
        List<String> rejected = Files.readAllLines(rejects);
        assertEquals(2, rejected.size());
        assertTrue(rejected.get(0).startsWith("{\"line\":3,\"reason\":\"not valid JSON"), rejected.get(0));
        assertTrue(rejected.get(0).endsWith("\"original\":\"this is not json\"}"), rejected.get(0));
        assertTrue(rejected.get(1).startsWith("{\"line\":5,\"reason\":\"'name' is an object"), rejected.get(1));

        Path json = write("leads.json", """
                [
                  {"phone": "052-555-4011", "email": "a@example.com"},
                  {"phone": "not a phone"}
                ]
                """);
        ImportSummary array = importer.importFile(t, json, options(DuplicatePolicy.SKIP, false, null),
                ImportProgress.NONE, ACTOR);
        assertEquals(List.of(2L, 1L, 1L), List.of(array.read(), array.created(), array.rejected()));
        assertEquals(3L, array.problems().get(0).line());
        assertEquals(dir.resolve("leads.rejects.jsonl").toString(), array.rejectsFile(), "default beside the file");
    }

    @Test
    void mappingAndHeaderProblemsAreClearErrors() throws IOException {
        Tenant t = Fixtures.tenant(tenants, "imp-map", "+97235550500");
        Path file = write("crm.csv", "Client,Mobile phone,Floor\r\nדנה,052-555-5001,3\r\n");
        ImportSummary s = importer.importFile(t, file, new ImportOptions(Map.of("client", "name", "floor", "floor"),
                DuplicatePolicy.SKIP, false, null, null), ImportProgress.NONE, ACTOR);
        Lead dana = leads.findByPhone(t, "+972525555001").orElseThrow();
        assertEquals("דנה", dana.name());
        assertEquals(Map.of("floor", "3"), dana.qualification());
        assertEquals(List.of(), s.ignoredColumns());

        ValidationException noPhone = assertThrows(ValidationException.class, () -> importer.importFile(t,
                write("nophone.csv", "שם,כתובת\r\nדנה,הרצל 1\r\n"), ImportOptions.defaults(), ImportProgress.NONE,
                ACTOR));
        assertTrue(noPhone.getMessage().contains("no phone column among the headers (שם, כתובת)"), noPhone.getMessage());
        ValidationException typo = assertThrows(ValidationException.class, () -> importer.importFile(t, file,
                new ImportOptions(Map.of("Cleint", "name"), DuplicatePolicy.SKIP, false, null, null),
                ImportProgress.NONE, ACTOR));
        assertTrue(typo.getMessage().contains("'Cleint'"), typo.getMessage());
        ValidationException unclosed = assertThrows(ValidationException.class, () -> importer.importFile(t,
                write("broken.csv", "phone,name\r\n052-555-5002,\"never closed\r\n052-555-5003,x\r\n"),
                ImportOptions.defaults(), ImportProgress.NONE, ACTOR));
        assertTrue(unclosed.getMessage().contains("line 2"), unclosed.getMessage());
        assertThrows(ValidationException.class, () -> importer.importFile(t, write("leads.xlsx", "x"),
                ImportOptions.defaults(), ImportProgress.NONE, ACTOR));
    }

    @Test
    void aRowTheServiceRefusesIsRejectedAloneWhileTheRestOfItsBatchImports() throws IOException {
        Tenant t = Fixtures.tenant(tenants, "imp-retry", "+97235550600");
        Lead full = leads.upsert(t, new LeadUpsert("052-555-6001", "מלא", null, LeadSource.CALL), ACTOR);
        Map<String, String> fifty = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        leads.update(t, full.id(), LeadPatch.qualification(fifty), ACTOR);
        Path file = write("retry.csv", "phone,name,rooms\r\n052-555-6002,א,3\r\n052-555-6001,ב,4\r\n");
        ImportSummary s = importer.importFile(t, file, options(DuplicatePolicy.MERGE, false, null),
                ImportProgress.NONE, ACTOR);
        assertEquals(List.of(1L, 1L), List.of(s.created(), s.rejected()));
        assertTrue(s.problems().get(0).reason().contains("at most 50"), s.problems().get(0).reason());
        assertEquals(3L, s.problems().get(0).line());
        assertTrue(leads.findByPhone(t, "+972525556002").isPresent());
    }

    @Test
    void exportThenImportRoundTripsInBothFormats() throws IOException {
        Tenant source = Fixtures.tenant(tenants, "exp-source", "+97235550700");
        Lead dana = leads.upsert(source, new LeadUpsert("052-555-7001", "דנה \"הכהנת\", לוי", "dana@example.com",
                LeadSource.CALL), ACTOR);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("areas", "תל אביב, יפו");
        facts.put("budget", "2500000");
        facts.put("notes", "שורה 1\nשורה 2");
        facts.put("parking", "2");
        leads.update(source, dana.id(), new LeadPatch(null, null, "qualified", facts, null, null), ACTOR);
        leads.upsert(source, new LeadUpsert("+44 20 7946 0958", "=HYPERLINK(\"http://x\")", null, LeadSource.CHAT),
                ACTOR);
        leads.upsert(source, new LeadUpsert("03-555-7003", null, null, LeadSource.CALL), ACTOR);

        for (LeadFileFormat format : List.of(LeadFileFormat.CSV, LeadFileFormat.JSONL)) {
            Path file = dir.resolve("export." + format.id());
            try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                ExportSummary summary = exporter.export(source, io.moked.crm.lead.LeadFilter.all(), format,
                        format == LeadFileFormat.CSV, out, n -> { });
                assertEquals(3, summary.leads());
            }
            Tenant target = Fixtures.tenant(tenants, "exp-target-" + format.id(),
                    format == LeadFileFormat.CSV ? "+97235550701" : "+97235550702");
            ImportSummary imported = importer.importFile(target, file, ImportOptions.defaults(), ImportProgress.NONE,
                    ACTOR);
            assertEquals(List.of(3L, 3L, 0L), List.of(imported.read(), imported.created(), imported.rejected()),
                    format.id());
            for (String phone : List.of("+972525557001", "+442079460958", "+97235557003")) {
                Lead a = leads.findByPhone(source, phone).orElseThrow();
                Lead b = leads.findByPhone(target, phone).orElseThrow();
                assertEquals(List.of(String.valueOf(a.name()), String.valueOf(a.email()), a.status(), a.qualification()),
                        List.of(String.valueOf(b.name()), String.valueOf(b.email()), b.status(), b.qualification()),
                        format.id() + " " + phone);
            }
            ImportSummary again = importer.importFile(target, file, ImportOptions.defaults(), ImportProgress.NONE,
                    ACTOR);
            assertEquals(3, again.skippedExisting());
        }
        String csv = Files.readString(dir.resolve("export.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFFphone,name,email,status,tier,score,source,created_at,updated_at,areas,budget,"
                + "notes,fields.parking\r\n"), csv);
        // tier and score as the tenant's scoring rules computed them (a numeric budget: 15 points, cold)
        assertTrue(csv.contains("\r\n052-555-7001,\"דנה \"\"הכהנת\"\", לוי\",dana@example.com,qualified,cold,15,call,"),
                csv);
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "formulas stay text in Excel: " + csv);
        assertTrue(csv.contains("'+44 20 7946 0958"), csv);
    }

    // -----------------------------------------------------------------------------------------------------------

    /** A tenant with +972525552001 stored: name דנה, no email, areas תל אביב, budget 1000000. */
    private Tenant duplicatesTenant(String slug) {
        Tenant t = Fixtures.tenant(tenants, slug, "+9723555" + Math.abs(slug.hashCode() % 10000));
        Lead dana = leads.upsert(t, new LeadUpsert("052-555-2001", "דנה", null, LeadSource.CALL), ACTOR);
        leads.update(t, dana.id(), LeadPatch.qualification(Map.of("areas", "תל אביב", "budget", "1000000")), ACTOR);
        return t;
    }

    private static List<String> stored() {
        return List.of("דנה", "", "תל אביב", "1000000");
    }

    /** Line 2 is stored already; lines 3 and 4 share a phone that is new. */
    private Path duplicatesFile() throws IOException {
        return write("duplicates.csv", """
                phone,name,email,areas,budget
                052-555-2001,Dana K,dana@example.com,רמת גן,2000000
                052-555-2002,Ron,,חיפה,
                0525552002,Ronny,ron@example.com,עכו,900000
                """);
    }

    private void rerunChangesNothing(Tenant t, DuplicatePolicy policy, long unchanged, long skippedExisting)
            throws IOException {
        List<Lead> before = List.of(leads.findByPhone(t, "+972525552001").orElseThrow(),
                leads.findByPhone(t, "+972525552002").orElseThrow());
        ImportSummary again = importer.importFile(t, duplicatesFile(), options(policy, false, null),
                ImportProgress.NONE, ACTOR);
        assertEquals(List.of(0L, 0L, unchanged, skippedExisting), List.of(again.created(), again.updated(),
                again.unchanged(), again.skippedExisting()), "a second run of the same file changes nothing");
        assertEquals(before, List.of(leads.findByPhone(t, "+972525552001").orElseThrow(),
                leads.findByPhone(t, "+972525552002").orElseThrow()), "not even updated_at");
    }

    private List<String> values(Tenant t, String phone) {
        Lead l = leads.findByPhone(t, phone).orElseThrow();
        return List.of(l.name() == null ? "" : l.name(), l.email() == null ? "" : l.email(),
                l.qualification().getOrDefault("areas", ""), l.qualification().getOrDefault("budget", ""));
    }

    static ImportOptions options(DuplicatePolicy policy, boolean dryRun, Path rejects) {
        return new ImportOptions(Map.of(), policy, dryRun, rejects, null);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
