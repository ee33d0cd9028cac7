package io.moked.cli.serve;

import java.net.URL;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.EmbeddedApplication;
import io.micronaut.runtime.server.EmbeddedServer;
import io.moked.Application;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.cli.output.Fields;
import io.moked.db.MigrationService;
import io.moked.db.SchemaTooNewException;
import io.moked.health.ManagementPort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the appliance in this process: the same application as {@link Application}, with its HTTP server.
 * The command returns once the server listens; the server's threads keep the JVM running until SIGTERM/SIGINT,
 * which close the application context (graceful shutdown).
 */
@Command(name = "serve", description = {"Start the Moked appliance in this process: the public HTTP port (Twilio"
        + " webhooks and media, /health) and the management port on 127.0.0.1 (/ready, /warmup, /prometheus;"
        + " moked.management.port, default 8081)."})
public final class ServeCommand extends AgentctlCommand {
    /** Micronaut's property for the HTTP port; also settable with the MICRONAUT_SERVER_PORT variable. */
    static final String PORT_PROPERTY = "micronaut.server.port";

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "HTTP port (default: MICRONAUT_SERVER_PORT, else 8080; -1 picks a free port).")
    Integer port;

    @Override
    protected int execute() {
        Map<String, Object> properties = new HashMap<>(runtime().properties());
        if (port != null) {
            properties.put(PORT_PROPERTY, port);
        }
        // Started by hand rather than with Micronaut.run(): that calls System.exit on a startup error, while
        // agentctl reports it as one line with exit code 1 like any other failure.
        ApplicationContext context = runtime().withSettings(ApplicationContext.builder(Application.class))
                .properties(properties)
                .start();
        try {
            refuseNewerSchema(context);
            EmbeddedApplication<?> application = context.getBean(EmbeddedApplication.class);
            application.start();
            runtime().serving(context);
            URL url = application instanceof EmbeddedServer server ? server.getURL() : null;
            Map<String, Object> status = new LinkedHashMap<>();
            ManagementPort management = context.getBean(ManagementPort.class);
            String managementUrl = management.port() > 0
                    ? "http://" + management.host() + ":" + management.port() : null;
            status.put("url", url == null ? null : url.toString());
            status.put("managementUrl", managementUrl);
            status.put("pid", ProcessHandle.current().pid());
            out().emit(status, Fields.create().add("Moked listening on", url).add("Management (/ready, /prometheus)",
                    managementUrl).add("PID", status.get("pid")));
            return ExitCode.OK;
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /**
     * A database migrated by a newer Moked (a downgrade) stops {@code serve} with the message naming both versions.
     * Other database problems do not: the appliance starts and {@code /ready} says what is wrong until it is fixed.
     */
    static void refuseNewerSchema(ApplicationContext context) {
        try {
            context.getBean(MigrationService.class);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SchemaTooNewException refused) {
                    throw refused;
                }
            }
        }
    }
}
