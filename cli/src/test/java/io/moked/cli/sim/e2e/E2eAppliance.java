package io.moked.cli.sim.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.moked.Application;
import io.moked.cli.CliRun;
import io.moked.cli.CliRuntime;
import io.moked.cli.sim.SharedData;
import io.moked.crm.prompt.Channel;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.crm.tenant.TenantSpec;
import io.moked.health.ManagementPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end tests' in-process appliance: SQLite in a temp data dir, the real Silero VAD (linked, never copied),
 * its OpenAI-compatible engines on the upstream simulator, an HTTP server on a free port, and an {@code agentctl}
 * runtime configured like it.
 */
final class E2eAppliance implements AutoCloseable {
    private static final int READY_POLLS = 240;
    private static final long READY_POLL_MS = 500;

    private final ApplicationContext context;
    private final int port;
    private final CliRun cli;

    private E2eAppliance(ApplicationContext context, int port, CliRun cli) {
        this.context = context;
        this.port = port;
        this.cli = cli;
    }

    /**
     * The appliance's properties: data and models dir under {@code dataDir} (the Silero model linked into it) and the
     * OpenAI-compatible endpoint at {@code simBaseUrl}. Callers add engine orders or models of their own.
     */
    static Map<String, Object> properties(Path dataDir, String simBaseUrl) throws IOException {
        Path models = Files.createDirectories(dataDir.resolve("models"));
        Files.createSymbolicLink(models.resolve("silero_vad.onnx"), SharedData.sileroVad());
        Map<String, Object> props = new HashMap<>();
        props.put("moked.data-dir", dataDir.toString());
        props.put("moked.models-dir", models.toString());
        props.put("moked.openai.base-url", simBaseUrl);
        props.put("moked.openai.api-key", "upstream-sim");
        return props;
    }

    /** As {@link #properties}, with every engine kind on the simulator only (no local engine tried first). */
    static Map<String, Object> remoteEngines(Path dataDir, String simBaseUrl) throws IOException {
        Map<String, Object> props = properties(dataDir, simBaseUrl);
        props.put("moked.engines.stt.order", List.of("openai"));
        props.put("moked.engines.llm.order", List.of("openai"));
        props.put("moked.engines.tts.order", List.of("openai"));
        return props;
    }

    /** Starts the appliance and its HTTP server; {@code agentctl} commands run with the same properties. */
    static E2eAppliance start(Map<String, Object> props) {
        ApplicationContext context = ApplicationContext.builder(Application.class).properties(props)
                .properties(Map.of("micronaut.server.port", -1)).start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        server.start();
        CliRuntime.Builder runtime = CliRuntime.builder()
                .property(CliRuntime.DATA_DIR_PROPERTY, String.valueOf(props.get("moked.data-dir")));
        props.forEach(runtime::property);
        return new E2eAppliance(context, server.getPort(), new CliRun(runtime.env("USER", "e2e").build()));
    }

    ApplicationContext context() {
        return context;
    }

    int port() {
        return port;
    }

    CliRun cli() {
        return cli;
    }

    /**
     * A tenant ("דירות הים", assistant "נועה") answering {@code number} with these Twilio credentials; the voice
     * prompts are pushed in order (versions 1, 2, ...) and the first is activated.
     */
    Tenant tenant(String slug, String number, String accountSid, String token, boolean recording,
                  String... voicePrompts) {
        TenantService tenants = context.getBean(TenantService.class);
        tenants.create(new TenantSpec(slug, "דירות הים", "נועה", null, null, null, null, null, null, recording, 2,
                4, null, null, null, null, List.of(number)), "e2e");
        tenants.setTwilio(slug, accountSid, token, "e2e");
        Tenant tenant = tenants.get(slug);
        PromptService prompts = context.getBean(PromptService.class);
        int first = -1;
        for (int i = 0; i < voicePrompts.length; i++) {
            int version = prompts.push(tenant, Channel.VOICE, voicePrompts[i], "e2e " + (i + 1), "e2e").version();
            first = i == 0 ? version : first;
        }
        prompts.activate(tenant, Channel.VOICE, first, "e2e");
        return tenant;
    }

    /**
     * Waits until {@code GET /ready} (served on the management port, docs/security.md) says ready, i.e. the engines'
     * warm-up is over, and returns its body.
     */
    JsonNode awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + context.getBean(ManagementPort.class).port() + "/ready");
        JsonNode body = null;
        for (int i = 0; i < READY_POLLS; i++) {
            body = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(ready).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (body.path("ready").asBoolean()) {
                return body;
            }
            Thread.sleep(READY_POLL_MS);
        }
        throw new AssertionError("appliance not ready: " + body);
    }

    @Override
    public void close() {
        cli.close();
        context.close();
    }
}
