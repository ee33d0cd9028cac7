package io.moked.telephony.twilio;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.TenantService;
import io.moked.log.SafeConverter;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 item 7: a webhook whose From carries a line break (a forged log line) or one megabyte writes one bounded,
 * escaped log line. The lines are formatted by the appliance's production logback.xml encoder, not the test one.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookLogInjectionTest implements TestPropertyProvider {
    private static final String NUMBER = "+97236091299";
    private static final String FORGED = "2026-01-01T00:00:00.000Z ERROR [main] [] io.moked.Fake - FORGED admin login";

    @Inject
    EmbeddedServer server;
    @Inject
    TenantService tenants;
    @Inject
    PromptService prompts;

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final LoggerContext production = new LoggerContext();
    private AppenderBase<ILoggingEvent> capture;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = CallTestSupport.freshProperties("moked-log-injection");
        p.put("moked.engines.warm-up-on-start", "false");
        return p;
    }

    @BeforeAll
    void setUp() {
        CallTestSupport.tenant(tenants, prompts, "logsafe", NUMBER, 4);
    }

    @BeforeEach
    @SuppressWarnings("unchecked")
    void captureWithTheProductionEncoder() throws Exception {
        logged.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(production);
        configurator.doConfigure(getClass().getResource("/logback.xml"));
        Encoder<ILoggingEvent> encoder = ((OutputStreamAppender<ILoggingEvent>) production
                .getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT")).getEncoder();
        capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                byte[] line = encoder.encode(event);
                synchronized (logged) {
                    logged.writeBytes(line);
                }
            }
        };
        LoggerContext global = (LoggerContext) LoggerFactory.getILoggerFactory();
        capture.setContext(global);
        capture.start();
        global.getLogger("io.moked").addAppender(capture);
    }

    @AfterEach
    void stopCapture() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("io.moked").detachAppender(capture);
        production.stop();
    }

    @Test
    void unsignedWebhookWithANewlineAndAMegabyteFromWritesNothingUnbounded() throws Exception {
        // over the webhook's parameter cap (and with an ESC): refused before anything about the call is logged
        String from = "+972501234567\n" + FORGED + "\u001b[2J\u202E" + "9".repeat(1_000_000);
        HttpResponse<String> response = CallTestSupport.post(server.getPort(), "/twilio/voice",
                CallTestSupport.voiceParams("CA" + "7".repeat(32), from, "+15550001111"), "unsigned");
        assertEquals(400, response.statusCode(), "a parameter over 4096 characters is refused");
        assertFalse(response.body().contains(FORGED), "the refusal does not echo the parameter");
        List<String> lines = lines();
        for (String line : lines) {
            assertTrue(line.length() < SafeConverter.DEFAULT_MAX_CHARS + 400, "line length " + line.length());
        }
        assertNoForgedLine(lines);
    }

    @Test
    void unsignedWebhookWithANewlineAndABidiOverrideInFromWritesOneEscapedLine() throws Exception {
        String from = "+972501234569\n" + FORGED + "\u202E" + "9".repeat(3_000);
        HttpResponse<String> response = CallTestSupport.post(server.getPort(), "/twilio/voice",
                CallTestSupport.voiceParams("CA" + "6".repeat(32), from, "+15550001111"), "unsigned");
        assertEquals(200, response.statusCode(), "an unknown number still gets a polite TwiML answer");

        List<String> lines = lines();
        List<String> aboutTheCall = lines.stream()
                .filter(l -> l.contains("VoiceWebhookController - call from +972501234569")).toList();
        assertEquals(1, aboutTheCall.size(), String.join("\n", lines));
        String line = aboutTheCall.get(0);
        assertTrue(line.contains("+972501234569\\n2026-01-01T00:00:00.000Z ERROR"), line);
        assertTrue(line.contains("\\u202E"), line);
        assertTrue(line.length() < SafeConverter.DEFAULT_MAX_CHARS + 400, "line length " + line.length());
        assertNoForgedLine(lines);
    }

    @Test
    void signedWebhookWithANewlineInFromForgesNoLine() throws Exception {
        String from = "+972501234568\r\n" + FORGED;
        HttpResponse<String> response = CallTestSupport.postSigned(server.getPort(), "/twilio/voice",
                CallTestSupport.voiceParams("CA" + "8".repeat(32), from, NUMBER));
        assertTrue(response.statusCode() < 500, response.body());
        List<String> lines = lines();
        assertFalse(lines.isEmpty(), "the call is logged");
        assertNoForgedLine(lines);
        for (String line : lines) {
            assertTrue(line.length() < SafeConverter.DEFAULT_MAX_CHARS + 400, "line length " + line.length());
        }
    }

    private List<String> lines() {
        synchronized (logged) {
            return logged.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static void assertNoForgedLine(List<String> lines) {
        for (String line : lines) {
            assertFalse(line.startsWith("2026-01-01T00:00:00.000Z"), "forged line: " + line);
            assertFalse(line.contains("\u001b") || line.contains("\u202E") || line.contains("\r"), line);
        }
    }
}
