package io.moked.cli;

/**
 * Chooses the logback configuration before anything logs. Admin commands log warnings only, to stderr, so stdout
 * stays clean for tables and JSON; {@code serve} keeps the appliance's own logging configuration. Commands that
 * print a live view and run engines in-process ({@code call simulate}, {@code loadtest}) log to
 * {@code <data-dir>/logs/agentctl.log} instead: an engine's WARN line is for the log, not for the transcript.
 */
final class LoggingSetup {
    static final String CLI_LOGBACK_RESOURCE = "agentctl-logback.xml";
    static final String FILE_LOGBACK_RESOURCE = "agentctl-file-logback.xml";
    static final String LOG_FILE_PROPERTY = "agentctl.log.file";
    private static final String LOGBACK_CONFIG_PROPERTY = "logback.configurationFile";
    private static final java.util.Set<String> LIVE_VIEW_COMMANDS = java.util.Set.of("call simulate", "loadtest");

    private LoggingSetup() {
    }

    static void beforeFirstLog(String[] args) {
        beforeFirstLog(args, System.getenv());
    }

    static void beforeFirstLog(String[] args, java.util.Map<String, String> env) {
        if (System.getProperty(LOGBACK_CONFIG_PROPERTY) != null || "serve".equals(firstWord(args))) {
            return;
        }
        if (LIVE_VIEW_COMMANDS.contains(commandOf(args))) {
            String dataDir = env.getOrDefault("MOKED_DATA_DIR", io.moked.models.ModelSettings.DEFAULT_DATA_DIR);
            java.nio.file.Path log = java.nio.file.Path.of(dataDir.isBlank()
                    ? io.moked.models.ModelSettings.DEFAULT_DATA_DIR : dataDir, "logs", "agentctl.log");
            try {
                io.moked.config.PrivateFiles.directory(log.getParent());
                io.moked.config.PrivateFiles.createFile(log);
                System.setProperty(LOG_FILE_PROPERTY, log.toAbsolutePath().toString());
                System.setProperty(LOGBACK_CONFIG_PROPERTY, FILE_LOGBACK_RESOURCE);
                return;
            } catch (RuntimeException cannotWrite) {
                // a read-only data dir: warnings on stderr are better than none
            }
        }
        System.setProperty(LOGBACK_CONFIG_PROPERTY, CLI_LOGBACK_RESOURCE);
    }

    /** "call simulate" for {@code call simulate --say ...}: the first two words that are not options. */
    private static String commandOf(String[] args) {
        StringBuilder command = new StringBuilder();
        int words = 0;
        for (String arg : args) {
            if (!arg.startsWith("-") && words < 2) {
                command.append(words == 0 ? "" : " ").append(arg);
                words++;
            }
        }
        String two = command.toString();
        return two.startsWith("loadtest") ? "loadtest" : two;
    }

    private static String firstWord(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }
}
