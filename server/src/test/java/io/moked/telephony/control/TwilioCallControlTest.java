package io.moked.telephony.control;

import com.sun.net.httpserver.HttpServer;
import io.moked.crm.tenant.TwilioCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transfer through the Twilio SDK against a local HTTP server standing in for Twilio's REST API. */
class TwilioCallControlTest {
    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "f00dfeedc0ffee99f00dfeedc0ffee99";
    private static final String CALL = "CA11112222333344445555666677778888";

    private HttpServer server;
    private final AtomicReference<String> path = new AtomicReference<>();
    private final AtomicReference<String> auth = new AtomicReference<>();
    private final AtomicReference<Map<String, String>> form = new AtomicReference<>();
    private volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            path.set(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            auth.set(exchange.getRequestHeaders().getFirst("Authorization"));
            form.set(parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] body = (status == 200
                    ? "{\"sid\":\"" + CALL + "\",\"account_sid\":\"" + SID + "\",\"status\":\"in-progress\"}"
                    : "{\"code\":20404,\"message\":\"The requested resource was not found\",\"status\":404}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private TwilioCallControl control() {
        return new TwilioCallControl(new CallControlConfig("http://127.0.0.1:" + server.getAddress().getPort() + "/",
                25, 5000));
    }

    @Test
    void transferRedirectsTheLiveCallToDialWithRingTimeoutAndVoicemailAction() {
        control().transfer(new TwilioCredentials(SID, TOKEN), CALL, "+97235550999", "רגע, מעבירה אתכם", "he-IL",
                "https://moked.example/twilio/voice/dial-result?tenant=yafo");
        assertEquals("POST /2010-04-01/Accounts/" + SID + "/Calls/" + CALL + ".json", path.get());
        assertEquals("Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN)
                .getBytes(StandardCharsets.UTF_8)), auth.get());
        String twiml = form.get().get("Twiml");
        assertEquals(TwilioCallControl.transferTwiml("+97235550999", 25,
                "https://moked.example/twilio/voice/dial-result?tenant=yafo", "רגע, מעבירה אתכם", "he-IL"), twiml);
        assertTrue(twiml.contains("<Say language=\"he-IL\">רגע, מעבירה אתכם</Say>"), twiml);
        assertTrue(twiml.contains("<Dial action=\"https://moked.example/twilio/voice/dial-result?tenant=yafo\" "
                + "method=\"POST\" timeout=\"25\">+97235550999</Dial>"), twiml);
    }

    @Test
    void aRefusalIsAClearError() {
        status = 404;
        CallControlException e = assertThrows(CallControlException.class, () -> control().transfer(
                new TwilioCredentials(SID, TOKEN), CALL, "+97235550999", "", "he-IL", "https://x/a"));
        assertTrue(e.getMessage().contains("HTTP 404") && e.getMessage().contains(CALL), e.getMessage());
        assertTrue(!form.get().get("Twiml").contains("<Say"), "nothing to say: no <Say>");
    }

    private static Map<String, String> parse(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
