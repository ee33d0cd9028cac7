package io.moked.engine.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.moked.engine.EngineException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one openai-java client shared by the OpenAI-compatible STT, LLM and TTS engines, built on first use so a
 * missing key only makes those engines not ready (with the reason) instead of failing startup.
 */
@Singleton
public final class OpenAiClients implements AutoCloseable {
    private static final Set<PosixFilePermission> NOT_FOR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** How long an idle connection stays open: OkHttp's own default (the SDK wants it named with the pool size). */
    static final Duration IDLE_CONNECTION_KEEP_ALIVE = Duration.ofMinutes(5);

    private final OpenAiConfig config;
    private OpenAIClient client;

    public OpenAiClients(OpenAiConfig config) {
        this.config = config;
    }

    public OpenAiConfig config() {
        return config;
    }

    /** @throws EngineException (engine {@code engineName}) when no usable API key is configured */
    public synchronized OpenAIClient client(String engineName) throws EngineException {
        if (client == null) {
            String key = apiKey(config, engineName);
            client = OpenAIOkHttpClient.builder()
                    .baseUrl(config.baseUrl())
                    .apiKey(key)
                    // the router falls back to the next engine; a silent retry would only spend the caller's time
                    .maxRetries(0)
                    .timeout(Duration.ofMillis(config.requestTimeoutMs()))
                    .maxIdleConnections(config.maxIdleConnections())
                    .keepAliveDuration(IDLE_CONNECTION_KEEP_ALIVE)
                    .build();
        }
        return client;
    }

    /**
     * Checks the endpoint and key with a model listing — no inference, so a warm-up costs nothing on a paid API.
     */
    public void verify(String engineName) throws EngineException {
        OpenAIClient c = client(engineName);
        try {
            c.models().list();
        } catch (RuntimeException e) {
            throw new EngineException(engineName, config.baseUrl() + " is not usable: " + e.getMessage(), e);
        }
    }

    /**
     * The key from {@code api-key} (env {@code MOKED_OPENAI_API_KEY}) or else {@code api-key-file}. A key file that
     * its group or others can access is refused: a leaked key costs money and exposes call content.
     */
    static String apiKey(OpenAiConfig config, String engineName) throws EngineException {
        if (config.apiKey() != null && !config.apiKey().isBlank()) {
            return config.apiKey().trim();
        }
        if (config.apiKeyFile() == null || config.apiKeyFile().isBlank()) {
            throw new EngineException(engineName, "no API key for " + config.baseUrl()
                    + ": set MOKED_OPENAI_API_KEY or moked.openai.api-key-file (a file with mode 0600); a local "
                    + "server started without a key accepts any value");
        }
        Path file = Path.of(config.apiKeyFile());
        if (!Files.isRegularFile(file)) {
            throw new EngineException(engineName, "API key file " + file + " does not exist");
        }
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
                Set<PosixFilePermission> exposed = EnumSet.noneOf(PosixFilePermission.class);
                exposed.addAll(perms);
                exposed.retainAll(NOT_FOR_OTHERS);
                if (!exposed.isEmpty()) {
                    throw new EngineException(engineName, "refusing API key file " + file
                            + ": it is readable by group or others (" + java.nio.file.attribute.PosixFilePermissions
                            .toString(perms) + "); run `chmod 600 " + file + "`");
                }
            }
            String key = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (key.isEmpty()) {
                throw new EngineException(engineName, "API key file " + file + " is empty");
            }
            return key;
        } catch (IOException e) {
            throw new EngineException(engineName, "cannot read API key file " + file + ": " + e.getMessage(), e);
        }
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
