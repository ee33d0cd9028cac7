package io.moked.cli;

import java.io.Console;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import io.micronaut.context.ApplicationContext;
import io.moked.db.DbTarget;

/**
 * What one agentctl process (or one shell session, or one test) shares between commands: the environment, whether
 * stdout/stderr are terminals, and the Micronaut {@link ApplicationContext}, which is created lazily on the first
 * {@link #bean} call. {@code --help}, {@code --version} and pure-local commands therefore never pay for
 * connection pools and Flyway (about two seconds).
 * <p>
 * The context runs in the {@value #CLI_ENVIRONMENT} environment, without the HTTP server. Beans that must not run in
 * the CLI (warm-up of speech models, schedulers) declare {@code @Requires(notEnv = "cli")}.
 */
public final class CliRuntime implements AutoCloseable {
    /** Micronaut environment name active in agentctl's (non-serve) application context. */
    public static final String CLI_ENVIRONMENT = "cli";
    /** Property holding the data directory; same key and default as the appliance. */
    public static final String DATA_DIR_PROPERTY = "moked.data-dir";
    /** Property holding the database URL (env MOKED_DB_URL); absent = SQLite in the data directory. */
    public static final String DB_URL_PROPERTY = "moked.db.url";
    /** Whether the context applies pending migrations when it starts (db and doctor commands turn it off). */
    public static final String MIGRATE_ON_START_PROPERTY = "moked.db.migrate-on-start";
    private static final String DATA_DIR_ENV = "MOKED_DATA_DIR";
    private static final String DEFAULT_DATA_DIR = "./var";

    private final Map<String, String> env;
    private final Map<String, Object> properties; // guarded by this
    private final boolean stdoutIsTerminal;
    private final boolean stderrIsTerminal;
    private final LongSupplier nanoClock;
    private final InputStream stdin;
    private IntSupplier terminalWidth; // guarded by this
    private ApplicationContext context;
    private ApplicationContext appliance;

    private CliRuntime(Builder builder) {
        this.env = Map.copyOf(builder.env);
        this.properties = new HashMap<>(builder.properties);
        this.stdoutIsTerminal = builder.stdoutIsTerminal;
        this.stderrIsTerminal = builder.stderrIsTerminal;
        this.nanoClock = builder.nanoClock;
        this.stdin = builder.stdin;
        this.terminalWidth = builder.terminalWidth;
    }

    /** The runtime of a real agentctl process: real environment, terminal detection, no property overrides. */
    public static CliRuntime system() {
        boolean terminal = consoleIsTerminal();
        Map<String, String> env = System.getenv();
        return builder().env(env).terminal(terminal, terminal)
                .terminalWidth(terminal ? new TerminalWidth(env) : () -> 0).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The application context, started on first use. Failing to start is a one-line error (exit 1). */
    public synchronized ApplicationContext context() {
        if (context == null) {
            try {
                context = ApplicationContext.builder()
                        .environments(CLI_ENVIRONMENT)
                        .properties(properties)
                        .start();
            } catch (RuntimeException e) {
                throw CliException.failure("cannot start agentctl's services (database " + databaseDescription()
                        + ")", e);
            }
        }
        return context;
    }

    /** A service bean; starts the context if needed. */
    public <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    /** All beans of a type (e.g. every {@code ReadinessCheck}); starts the context if needed. */
    public <T> Collection<T> beans(Class<T> type) {
        return context().getBeansOfType(type);
    }

    public synchronized boolean contextStarted() {
        return context != null;
    }

    /** Property overrides handed to every application context this runtime creates (tests: data dir, DB URL). */
    public synchronized Map<String, Object> properties() {
        return Map.copyOf(properties);
    }

    /**
     * Sets a property for the context if it has not started yet (e.g. {@code db status} turns off
     * migrate-on-start to only look). Returns false when the context already runs (in the shell), in which case the
     * setting cannot apply any more.
     */
    public synchronized boolean configureBeforeStart(String name, Object value) {
        if (context != null) {
            return false;
        }
        properties.put(name, value);
        return true;
    }

    public Map<String, String> env() {
        return env;
    }

    public boolean stdoutIsTerminal() {
        return stdoutIsTerminal;
    }

    public boolean stderrIsTerminal() {
        return stderrIsTerminal;
    }

    public LongSupplier nanoClock() {
        return nanoClock;
    }

    /**
     * Columns of the terminal stdout goes to, 0 when unknown or not a terminal (views then do not wrap). Asked when
     * a view needs it, so commands that print no wrapping view never pay for finding it out.
     */
    public synchronized int terminalWidth() {
        return terminalWidth.getAsInt();
    }

    /**
     * Replaces where the terminal width comes from (the shell: its own terminal, which follows resizes); returns
     * the previous source so it can be restored.
     */
    public synchronized IntSupplier useTerminalWidth(IntSupplier source) {
        IntSupplier previous = terminalWidth;
        terminalWidth = source;
        return previous;
    }

    /** Standard input (the shell reads it when it is not a terminal; tests feed it). */
    public InputStream stdin() {
        return stdin;
    }

    /**
     * The data directory without starting the context (for pure-local commands such as the shell's history):
     * property override, then MOKED_DATA_DIR, then ./var — the same order the appliance's configuration uses.
     */
    public synchronized Path dataDir() {
        Object override = properties.get(DATA_DIR_PROPERTY);
        if (override != null) {
            return Path.of(override.toString());
        }
        String fromEnv = env.get(DATA_DIR_ENV);
        return Path.of(fromEnv == null || fromEnv.isBlank() ? DEFAULT_DATA_DIR : fromEnv);
    }

    /** The person running agentctl: the sudo caller when run through sudo, else the OS user. */
    public String osUser() {
        String sudoUser = env.get("SUDO_USER");
        if (sudoUser != null && !sudoUser.isBlank()) {
            return sudoUser;
        }
        String user = env.get("USER");
        return user != null && !user.isBlank() ? user : System.getProperty("user.name");
    }

    /**
     * Called by {@code serve} once the appliance runs: the process must outlive the command (the server's threads
     * keep the JVM up), and the appliance is closed gracefully on SIGTERM/SIGINT or by {@link #close()}.
     */
    public synchronized void serving(ApplicationContext appliance) {
        this.appliance = appliance;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (appliance.isRunning()) {
                appliance.close();
            }
        }, "moked-shutdown"));
    }

    /** True when {@code serve} left the appliance running. */
    public synchronized boolean isServing() {
        return appliance != null && appliance.isRunning();
    }

    /** The configured database for messages: product and URL without password; never starts the context. */
    public synchronized String databaseDescription() {
        Object url = properties.get(DB_URL_PROPERTY);
        if (url == null) {
            url = env.get("MOKED_DB_URL");
        }
        try {
            return DbTarget.resolve(url == null ? null : url.toString(), dataDir()).displayUrl();
        } catch (RuntimeException e) {
            return "from MOKED_DB_URL, unparsable";
        }
    }

    @Override
    public synchronized void close() {
        if (context != null && context.isRunning()) {
            context.close();
        }
        context = null;
        if (appliance != null && appliance.isRunning()) {
            appliance.close();
        }
        appliance = null;
    }

    private static boolean consoleIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // JDK 22+ returns a Console even when redirected; Console.isTerminal() (JDK 22) tells the truth there.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 17-21: a non-null console means stdin and stdout are both a terminal
        }
    }

    /** Builder for tests and embedding (the shell reuses one runtime for all its commands). */
    public static final class Builder {
        private final Map<String, String> env = new HashMap<>();
        private final Map<String, Object> properties = new HashMap<>();
        private boolean stdoutIsTerminal;
        private boolean stderrIsTerminal;
        private LongSupplier nanoClock = System::nanoTime;
        private InputStream stdin = System.in;
        private IntSupplier terminalWidth = () -> 0;

        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder property(String name, Object value) {
            properties.put(name, value);
            return this;
        }

        public Builder terminal(boolean stdout, boolean stderr) {
            this.stdoutIsTerminal = stdout;
            this.stderrIsTerminal = stderr;
            return this;
        }

        public Builder nanoClock(LongSupplier clock) {
            this.nanoClock = clock;
            return this;
        }

        /** Columns of the terminal (0: unknown, nothing wraps); tests give a fixed number. */
        public Builder terminalWidth(IntSupplier columns) {
            this.terminalWidth = columns;
            return this;
        }

        public Builder stdin(InputStream input) {
            this.stdin = input;
            return this;
        }

        public CliRuntime build() {
            return new CliRuntime(this);
        }
    }
}
