package io.moked.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 item 11: {@code call simulate} prints a live transcript; an engine's WARN line goes to the agentctl log
 * file, never to the user's terminal. Other admin commands keep warnings on stderr.
 */
class LoggingSetupTest {
    private static final String CONFIG = "logback.configurationFile";

    @TempDir
    Path data;

    @AfterEach
    void clear() {
        System.clearProperty(CONFIG);
        System.clearProperty(LoggingSetup.LOG_FILE_PROPERTY);
    }

    @Test
    void callSimulateLogsToAPrivateFileAndNothingToTheTerminal() throws Exception {
        LoggingSetup.beforeFirstLog(new String[]{"call", "simulate", "--say", "שלום"},
                Map.of("MOKED_DATA_DIR", data.toString()));
        assertEquals(LoggingSetup.FILE_LOGBACK_RESOURCE, System.getProperty(CONFIG));
        Path log = data.resolve("logs").resolve("agentctl.log");
        assertEquals(log.toAbsolutePath().toString(), System.getProperty(LoggingSetup.LOG_FILE_PROPERTY));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));

        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(getClass().getResource("/" + LoggingSetup.FILE_LOGBACK_RESOURCE));
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            root.iteratorForAppenders().forEachRemaining(appender ->
                    assertFalse(appender instanceof ConsoleAppender, "a console appender: " + appender.getName()));
            context.getLogger("io.moked.engine.EngineRouter").warn("engine openai failed\nforged");
        } finally {
            context.stop();
        }
        String written = Files.readString(log);
        assertTrue(written.contains("WARN") && written.contains("engine openai failed\\nforged"), written);
        assertEquals(1, written.lines().count(), written);
    }

    @Test
    void otherCommandsKeepWarningsOnStderr() {
        LoggingSetup.beforeFirstLog(new String[]{"tenant", "list"}, Map.of("MOKED_DATA_DIR", data.toString()));
        assertEquals(LoggingSetup.CLI_LOGBACK_RESOURCE, System.getProperty(CONFIG));
        assertFalse(Files.exists(data.resolve("logs")));
    }
}
