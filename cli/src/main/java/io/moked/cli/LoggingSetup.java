package io.moked.cli;

/**
 * Chooses the logback configuration before anything logs. Admin commands log warnings only, to stderr, so stdout
 * stays clean for tables and JSON; {@code serve} keeps the appliance's own logging configuration.
 */
final class LoggingSetup {
    static final String CLI_LOGBACK_RESOURCE = "agentctl-logback.xml";
    private static final String LOGBACK_CONFIG_PROPERTY = "logback.configurationFile";

    private LoggingSetup() {
    }

    static void beforeFirstLog(String[] args) {
        if (System.getProperty(LOGBACK_CONFIG_PROPERTY) != null || "serve".equals(firstWord(args))) {
            return;
        }
        System.setProperty(LOGBACK_CONFIG_PROPERTY, CLI_LOGBACK_RESOURCE);
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
