package io.moked.engine.openai;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The OpenAI-compatible endpoint used by the cloud (or on-prem GPU) engines: {@code moked.openai.*}. Works against
 * OpenAI itself or any compatible server (llama.cpp server, vLLM, LocalAI...) by changing {@code base-url} and the
 * model names. The API key comes from {@code MOKED_OPENAI_API_KEY} ({@code api-key}) or from {@code api-key-file}, a
 * file that only its owner may read (mode 0600/0400). The key is never logged: {@link #toString()} masks it.
 *
 * @param speechFormat           {@code pcm} (raw 16-bit little-endian mono at {@code speechPcmSampleRateHz}) or
 *                               {@code wav} (rate read from the header)
 * @param requestTimeoutMs       HTTP timeout of one request; the router's per-attempt deadline is usually shorter
 * @param maxIdleConnections     connections to the server kept open between requests. OkHttp keeps 5 by default;
 *                               with tens of calls the STT, LLM and TTS requests in flight then mostly open a new
 *                               connection each (a JFR at 100 calls on one core: ~15 % of the engine threads'
 *                               samples were in connecting)
 */
@ConfigurationProperties("moked.openai")
public record OpenAiConfig(
        @Bindable(defaultValue = "https://api.openai.com/v1") String baseUrl,
        @Nullable String apiKey,
        @Nullable String apiKeyFile,
        @Bindable(defaultValue = "gpt-4o-mini") String chatModel,
        @Bindable(defaultValue = "whisper-1") String transcriptionModel,
        @Bindable(defaultValue = "gpt-4o-mini-tts") String speechModel,
        @Bindable(defaultValue = "alloy") String voice,
        @Bindable(defaultValue = "pcm") String speechFormat,
        @Bindable(defaultValue = "24000") int speechPcmSampleRateHz,
        @Bindable(defaultValue = "30000") long requestTimeoutMs,
        @Bindable(defaultValue = "128") int maxIdleConnections) {

    public OpenAiConfig {
        if (maxIdleConnections < 0) {
            throw new IllegalArgumentException("moked.openai.max-idle-connections must be >= 0, got " + maxIdleConnections);
        }
    }

    @Override
    public String toString() {
        return "OpenAiConfig[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "unset" : "***")
                + ", apiKeyFile=" + apiKeyFile + ", chatModel=" + chatModel + ", transcriptionModel="
                + transcriptionModel + ", speechModel=" + speechModel + ", voice=" + voice + ", speechFormat="
                + speechFormat + "]";
    }
}
