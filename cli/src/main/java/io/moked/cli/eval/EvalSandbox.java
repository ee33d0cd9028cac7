package io.moked.cli.eval;

import io.micronaut.context.ApplicationContext;
import io.moked.agent.eval.EvalRunner;
import io.moked.agent.eval.TenantSnapshot;
import io.moked.agent.eval.TenantSnapshots;
import io.moked.cli.CliRuntime;
import io.moked.crm.tenant.Tenant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a prompt eval runs: a temporary data directory with its own SQLite database, migrated on start, holding a
 * {@link TenantSnapshot} of the real tenant. Its services (agent, tools, leads, meetings) are the appliance's, with
 * the same settings (engines included); only the database differs, so nothing the eval's tools write reaches the
 * real data. Closing it deletes the directory.
 */
final class EvalSandbox implements AutoCloseable {
    private final Path dir;
    private final ApplicationContext context;
    private final Tenant tenant;
    private final int meetingsSkipped;

    private EvalSandbox(Path dir, ApplicationContext context, Tenant tenant, int meetingsSkipped) {
        this.dir = dir;
        this.context = context;
        this.tenant = tenant;
        this.meetingsSkipped = meetingsSkipped;
    }

    /** Copies {@code real}'s snapshot (taken in the runtime's own context) into a fresh sandbox. */
    static EvalSandbox open(CliRuntime runtime, Tenant real, List<String> callerPhones, String actor) {
        TenantSnapshot snapshot = runtime.bean(TenantSnapshots.class).take(real, callerPhones);
        Path dir;
        try {
            dir = Files.createTempDirectory("moked-eval-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the eval's temporary directory", e);
        }
        Map<String, Object> props = new HashMap<>(runtime.properties());
        props.put(CliRuntime.DATA_DIR_PROPERTY, dir.toString());
        props.put(CliRuntime.DB_URL_PROPERTY, "jdbc:sqlite:" + dir.resolve("eval.db"));
        props.put(CliRuntime.MIGRATE_ON_START_PROPERTY, true);
        ApplicationContext context = null;
        try {
            context = runtime.withSettings(ApplicationContext.builder())
                    .environments(CliRuntime.CLI_ENVIRONMENT)
                    .properties(props)
                    .start();
            TenantSnapshots.Restored restored = context.getBean(TenantSnapshots.class).restore(snapshot, actor);
            return new EvalSandbox(dir, context, restored.tenant(), restored.meetingsSkipped());
        } catch (RuntimeException e) {
            if (context != null) {
                context.close();
            }
            delete(dir);
            throw e;
        }
    }

    Tenant tenant() {
        return tenant;
    }

    int meetingsSkipped() {
        return meetingsSkipped;
    }

    EvalRunner runner() {
        return context.getBean(EvalRunner.class);
    }

    @Override
    public void close() {
        context.close();
        delete(dir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is not worth failing the eval for; the OS cleans its temp dir
        }
    }
}
