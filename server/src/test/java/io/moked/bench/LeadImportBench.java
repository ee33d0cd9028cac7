package io.moked.bench;

import io.micronaut.context.ApplicationContext;
import io.moked.crm.lead.DuplicatePolicy;
import io.moked.crm.lead.files.ImportOptions;
import io.moked.crm.lead.files.ImportProgress;
import io.moked.crm.lead.files.ImportSummary;
import io.moked.crm.lead.files.LeadImporter;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.crm.tenant.TenantSpec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Lead import benchmark (scripts/bench/lead-import.sh; LeadImportMemoryTest runs it under a small -Xmx): generates a
 * CSV of N rows like an office's export (Hebrew names and areas, mixed phone formats, 1 % invalid phones, 1 %
 * repeated phones), imports it into a fresh tenant on SQLite (temporary data dir) or PostgreSQL (a throwaway
 * database on 127.0.0.1:5432), then imports it again (every row unchanged). Prints rows per second and the heap:
 * peak use during the import and the -Xmx it ran under. Asserts nothing; the data file is deleted afterwards.
 * <p>
 * Args: {@code [--rows N] [--db sqlite|postgresql] [--policy skip|update|merge] [--no-rerun]}.
 */
public final class LeadImportBench {
    private static final String[] FIRST = {"דנה", "יוסי", "מיכל", "אבי", "נועה", "רון", "שרה", "משה", "תמר", "עומר"};
    private static final String[] LAST = {"כהן", "לוי", "מזרחי", "פרץ", "ביטון", "אברהם", "פרידמן", "שפירא"};
    private static final String[] AREAS = {"תל אביב", "רמת גן", "גבעתיים", "חולון", "יפו", "הרצליה", "חיפה"};
    /** Israeli mobile prefixes (05X) whose whole number range libphonenumber accepts. */
    private static final char[] MOBILE = {'0', '2', '3'};
    private static final String PG = "127.0.0.1:5432";

    private LeadImportBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = 100_000;
        String db = "sqlite";
        DuplicatePolicy policy = DuplicatePolicy.SKIP;
        boolean rerun = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--db" -> db = args[++i];
                case "--policy" -> policy = DuplicatePolicy.parse(args[++i]);
                case "--no-rerun" -> rerun = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("moked-lead-bench-");
        String pgName = null;
        try {
            Path csv = work.resolve("leads.csv");
            generate(csv, rows);
            Map<String, Object> props = new HashMap<>();
            props.put("moked.data-dir", work.toString());
            props.put("moked.db.url", "");
            props.put("moked.engines.warm-up-on-start", "false");
            if (db.startsWith("postgres")) {
                pgName = "moked_b_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                admin("CREATE DATABASE " + pgName);
                props.put("moked.db.url", "postgresql://postgres@" + PG + "/" + pgName);
            }
            try (ApplicationContext context = ApplicationContext.builder().environments("cli").properties(props)
                    .start()) {
                Tenant tenant = context.getBean(TenantService.class).create(new TenantSpec("bench", "Bench", "נועה",
                        null, null, null, null, null, null, null, null, null, null, null, null, null,
                        List.of("+97235559999")), "bench");
                LeadImporter importer = context.getBean(LeadImporter.class);
                ImportOptions options = new ImportOptions(Map.of(), policy, false, work.resolve("rejects.csv"), null);
                System.out.printf(Locale.ROOT, "lead import: %d rows (%.1f MB CSV) into %s, policy %s, -Xmx %d MB%n",
                        rows, Files.size(csv) / 1e6, db, policy.id(), Runtime.getRuntime().maxMemory() >> 20);
                run("first run", importer, tenant, csv, options);
                if (rerun) {
                    run("second run (same file)", importer, tenant, csv, options);
                }
            }
        } finally {
            if (pgName != null) {
                admin("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
            }
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(String label, LeadImporter importer, Tenant tenant, Path csv, ImportOptions options)
            throws IOException {
        System.gc();
        long baseline = heapUsed();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        ImportSummary s = importer.importFile(tenant, csv, options, ImportProgress.NONE, "bench");
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "%s: read %d created %d updated %d unchanged %d skipped %d rejected %d "
                        + "in %.1f s = %.0f rows/s (importing thread's CPU %.1f s = %.0f rows per CPU second); "
                        + "heap before %.0f MB, peak during %.0f MB%n", label, s.read(), s.created(), s.updated(),
                s.unchanged(), s.skipped(), s.rejected(), seconds, s.read() / seconds, cpu, s.read() / cpu,
                baseline / 1e6, peak / 1e6);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Row i: unique mobile number in one of four formats; every 100th repeats row i-50, every 100th+7 is invalid. */
    static void generate(Path file, int rows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("שם,טלפון,דוא\"ל,עיר/אזור,תקציב,חדרים,הערות\r\n");
            for (int i = 0; i < rows; i++) {
                int n = i % 100 == 0 && i > 0 ? i - 50 : i;
                String digits = String.format(Locale.ROOT, "%07d", n);
                char prefix = MOBILE[n % MOBILE.length];
                String phone = switch (i % 4) {
                    case 0 -> "05" + prefix + "-" + digits.substring(0, 3) + "-" + digits.substring(3);
                    case 1 -> "+9725" + prefix + digits;
                    case 2 -> "05" + prefix + digits;
                    default -> "9725" + prefix + digits;
                };
                if (i % 100 == 7) {
                    phone = "05" + digits.substring(0, 3);
                }
                String name = FIRST[i % FIRST.length] + " " + LAST[(i / 7) % LAST.length];
                out.write(name + "," + phone + ",lead" + i + "@example.com,\"" + AREAS[i % AREAS.length] + ", "
                        + AREAS[(i / 3) % AREAS.length] + "\"," + (1_500_000 + (i % 40) * 50_000) + "," + (2 + i % 4)
                        + ",\"פנייה מהאתר, מספר " + i + "\"\r\n");
            }
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG + "/postgres?user=postgres");
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
