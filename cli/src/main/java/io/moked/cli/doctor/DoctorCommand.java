package io.moked.cli.doctor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.BeanDefinition;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliRuntime;
import io.moked.cli.ExitCode;
import io.moked.cli.ExitCodeMapper;
import io.moked.cli.output.Table;
import io.moked.crm.tenant.TenantService;
import io.moked.db.MigrationService;
import io.moked.health.ReadinessCheck;
import jakarta.inject.Named;
import picocli.CommandLine.Command;

/**
 * Checks everything the appliance needs and says how to fix what is missing. Besides its own checks (data
 * directory, services start, database reachable and migrated, per-tenant Twilio credentials) it runs every {@link ReadinessCheck} bean — the same
 * checks as {@code GET /ready} — so a feature adds a doctor line by adding a ReadinessCheck bean, without touching
 * this class. Exit code 0 when everything is fine, 1 otherwise.
 */
@Command(name = "doctor", description = "Check the data directory, database, Twilio credentials, models and engines.")
public final class DoctorCommand extends AgentctlCommand {

    /** JSON shape of {@code doctor --output json}. */
    public record Report(boolean ok, List<CheckResult> checks) {
    }

    @Override
    protected int execute() {
        List<CheckResult> results = new ArrayList<>();
        results.add(DataDirCheck.run(runtime().dataDir()));
        // doctor only looks: a pending migration is reported, not applied
        runtime().configureBeforeStart(CliRuntime.MIGRATE_ON_START_PROPERTY, false);
        if (!java.nio.file.Files.exists(runtime().dataDir())) {
            // starting the services would create the directory and an empty database: doctor only looks
            results.add(CheckResult.failed("services", "not started: the data directory does not exist (create it "
                    + "and the database with 'agentctl db migrate')"));
        } else if (startServices(results)) {
            CheckResult database = DatabaseCheck.run(() -> service(MigrationService.class),
                    runtime().databaseDescription());
            results.add(database);
            if (database.ok()) {
                results.addAll(guard("twilio", () -> TwilioCheck.run(service(TenantService.class))));
            }
            results.addAll(readinessChecks(Set.of(DatabaseCheck.NAME)));
        }
        boolean ok = results.stream().allMatch(CheckResult::ok);
        out().emit(new Report(ok, results), out -> {
            Table.of("STATUS", "CHECK", "DETAIL")
                    .rows(results, r -> List.of(r.ok() ? "ok" : "FAIL", r.check(), r.detail()))
                    .wrap(2)
                    .render(out);
            out.line("");
            out.line(ok ? "All checks passed." : failures(results) + " of " + results.size() + " checks failed.");
        });
        return ok ? ExitCode.OK : ExitCode.FAILURE;
    }

    private boolean startServices(List<CheckResult> results) {
        try {
            runtime().context();
            return true;
        } catch (RuntimeException e) {
            results.add(CheckResult.failed("services", new ExitCodeMapper().message(e)));
            return false;
        }
    }

    /**
     * Every ReadinessCheck bean except those doctor covers itself in more detail (matched by their {@code @Named}
     * qualifier, which is their check name by convention). Each bean is created on its own, so one that cannot
     * even be created (its dependency is down) becomes one failed line instead of hiding the others.
     */
    private List<CheckResult> readinessChecks(Set<String> coveredHere) {
        ApplicationContext context = runtime().context();
        List<BeanDefinition<ReadinessCheck>> definitions = new ArrayList<>(
                context.getBeanDefinitions(ReadinessCheck.class));
        definitions.sort(Comparator.comparing(d -> d.getBeanType().getSimpleName()));
        List<CheckResult> results = new ArrayList<>();
        for (BeanDefinition<ReadinessCheck> definition : definitions) {
            Optional<String> named = definition.stringValue(Named.class);
            if (named.isPresent() && coveredHere.contains(named.get())) {
                continue;
            }
            ReadinessCheck check;
            try {
                check = context.getBean(definition);
            } catch (RuntimeException e) {
                results.add(CheckResult.failed(named.orElse(definition.getBeanType().getSimpleName()),
                        "cannot start the check: " + new ExitCodeMapper().message(e)));
                continue;
            }
            if (!coveredHere.contains(check.name())) {
                results.add(run(check));
            }
        }
        results.sort(Comparator.comparing(CheckResult::check));
        return results;
    }

    private static List<CheckResult> guard(String name, Supplier<List<CheckResult>> checks) {
        try {
            return checks.get();
        } catch (RuntimeException e) {
            return List.of(CheckResult.failed(name, "check failed: " + new ExitCodeMapper().message(e)));
        }
    }

    private static CheckResult run(ReadinessCheck check) {
        try {
            ReadinessCheck.Result result = check.check();
            Map<String, Object> info = result.info() == null ? Map.of() : new LinkedHashMap<>(result.info());
            return new CheckResult(check.name(), result.ready(), result.detail(), info);
        } catch (RuntimeException e) {
            // one broken check must not hide the others
            return CheckResult.failed(check.name(), "check failed: " + new ExitCodeMapper().message(e));
        }
    }

    private static long failures(List<CheckResult> results) {
        return results.stream().filter(r -> !r.ok()).count();
    }
}
