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
    private static final String DEFAULT_DATA_DIR = "./var";

    private final Map<String, String> env;
    private final Map<String, Object> properties; // guarded by this
    private final boolean stdoutIsTerminal;
    private final boolean stderrIsTerminal;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final InputStream stdin;
    private IntSupplier terminalWidth; // guarded by this
    private final Path settingsPath;
    private SettingsFile settings; // read on first use, so --help and --version never fail on it
    private ApplicationContext context;
    private ApplicationContext appliance;

    private CliRuntime(Builder builder) {
        this.env = Map.copyOf(builder.env);
        this.properties = new HashMap<>(builder.properties);
        this.stdoutIsTerminal = builder.stdoutIsTerminal;
        this.stderrIsTerminal = builder.stderrIsTerminal;
        this.nanoClock = builder.nanoClock;
        this.sleeper = builder.sleeper;
        this.stdin = builder.stdin;
        this.terminalWidth = builder.terminalWidth;
        String fromEnv = env.get(SettingsFile.ENV);
        this.settingsPath = builder.settingsFile != null ? builder.settingsFile
                : fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
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
            settings(); // a missing or unreadable settings file is its own clear error, not a context failure
            try {
                context = withSettings(ApplicationContext.builder())
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

    /**
     * Adds the settings file ({@code MOKED_CONFIG}) to a context about to be built: every context agentctl creates,
     * the appliance's ({@code serve}) included, sees the same settings.
     */
    public io.micronaut.context.ApplicationContextBuilder withSettings(
            io.micronaut.context.ApplicationContextBuilder builder) {
        SettingsFile file = settings();
        return file == null ? builder : builder.propertySources(file.propertySource());
    }

    /** The settings file, or null when {@code MOKED_CONFIG} is not set. */
    public synchronized SettingsFile settings() {
        if (settings == null && settingsPath != null) {
            settings = SettingsFile.read(settingsPath);
        }
        return settings;
    }

    /**
     * A setting without starting the context, for pure-local commands: property override, else its environment
     * variable (moked.data-dir: MOKED_DATA_DIR), else the settings file; null when none has it.
     */
    public synchronized String setting(String key) {
        Object override = properties.get(key);
        if (override != null) {
            return override.toString();
        }
        String fromEnv = env.get(SettingsFile.envName(key));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        SettingsFile file = settings();
        Object value = file == null ? null : file.values().get(key);
        return value == null ? null : value.toString();
    }

    /**
     * The settings of pure-local commands as one map: the settings file's values that no environment variable
     * overrides, then the property overrides on top (for code that itself falls back to the environment).
     */
    public synchronized Map<String, Object> localProperties() {
        Map<String, Object> merged = new HashMap<>();
        SettingsFile file = settings();
        if (file != null) {
            file.values().forEach((key, value) -> {
                String fromEnv = env.get(SettingsFile.envName(key));
                if (fromEnv == null || fromEnv.isBlank()) {
                    merged.put(key, value);
                }
            });
        }
        merged.putAll(properties);
        return merged;
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

    /** Waits paced to {@link #nanoClock()} ({@code call replay}); tests give a fake that advances their clock. */
    public Sleeper sleeper() {
        return sleeper;
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
        String configured = setting(DATA_DIR_PROPERTY);
        return Path.of(configured == null || configured.isBlank() ? DEFAULT_DATA_DIR : configured);
    }

    /** The configured database, resolved without starting the context (for {@code db backup|restore}). */
    public synchronized DbTarget dbTarget() {
        return DbTarget.resolve(setting(DB_URL_PROPERTY), dataDir());
    }

    /**
     * The person running agentctl: the sudo caller when run through sudo, else the user the installed launcher
     * switched from ({@code AGENTCTL_OS_USER}, when root runs it: it re-runs itself as the moked user), else the OS
     * user.
     */
    public String osUser() {
        for (String name : new String[] {"SUDO_USER", "AGENTCTL_OS_USER"}) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
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
        try {
            return dbTarget().displayUrl();
        } catch (RuntimeException e) {
            return "from MOKED_DB_URL / moked.db.url, unparsable";
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
        private Sleeper sleeper = Sleeper.SYSTEM;
        private InputStream stdin = System.in;
        private IntSupplier terminalWidth = () -> 0;
        private Path settingsFile;

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

        /** How the runtime waits; tests pair a fake with {@link #nanoClock} to check pacing without wall time. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** Columns of the terminal (0: unknown, nothing wraps); tests give a fixed number. */
        public Builder terminalWidth(IntSupplier columns) {
            this.terminalWidth = columns;
            return this;
        }

        /** The settings file (else MOKED_CONFIG from the environment, else none). */
        public Builder settingsFile(Path file) {
            this.settingsFile = file;
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
