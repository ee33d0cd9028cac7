package io.moked.tts;

import io.moked.engine.RemoteEngine;
import com.openai.core.http.HttpResponse;
import com.openai.models.audio.speech.SpeechCreateParams;
import io.moked.engine.Cancellation;
import io.moked.engine.EngineException;
import io.moked.engine.Wav;
import io.moked.engine.openai.OpenAiClients;
import io.moked.engine.openai.OpenAiConfig;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;

/**
 * Speech through an OpenAI-compatible {@code /audio/speech} endpoint. The response (raw PCM16 or a PCM16 WAV, per
 * {@code moked.openai.speech-format}) is decoded while it downloads and streamed to the sink in small chunks.
 */
@Singleton
public class OpenAiTtsEngine implements TtsEngine, RemoteEngine {
    public static final String NAME = "openai";

    private final OpenAiClients clients;

    public OpenAiTtsEngine(OpenAiClients clients) {
        this.clients = clients;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void synthesize(String text, String language, String voice, AudioSink sink, Cancellation cancel)
            throws EngineException {
        OpenAiConfig config = clients.config();
        boolean wav = "wav".equalsIgnoreCase(config.speechFormat());
        if (!wav && !"pcm".equalsIgnoreCase(config.speechFormat())) {
            throw new EngineException(NAME, "moked.openai.speech-format must be pcm or wav, was "
                    + config.speechFormat());
        }
        SpeechCreateParams params = SpeechCreateParams.builder()
                .input(text)
                .model(config.speechModel())
                .voice(voice == null || voice.isBlank() ? config.voice() : voice)
                .responseFormat(wav ? SpeechCreateParams.ResponseFormat.WAV : SpeechCreateParams.ResponseFormat.PCM)
                .build();
        if (cancel.isCancelled()) {
            return;
        }
        try (HttpResponse response = clients.client(NAME).audio().speech().create(params);
             InputStream body = response.body()) {
            // closing the body aborts a download still in flight when the caller barges in
            cancel.onCancel(() -> closeQuietly(body));
            Wav.ChunkSink chunks = sink::onAudio;
            if (wav) {
                Wav.streamWav(body, chunks, cancel::isCancelled);
            } else {
                Wav.streamPcm16(body, config.speechPcmSampleRateHz(), 1, chunks, cancel::isCancelled);
            }
        } catch (IOException | RuntimeException e) {
            if (cancel.isCancelled()) {
                return;
            }
            throw new EngineException(NAME, "speech request to " + config.baseUrl() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void warmUp() throws EngineException {
        clients.verify(NAME);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // aborting a download: nothing more to do
        }
    }
}
