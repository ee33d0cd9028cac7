package io.moked.stt;

import io.moked.engine.RemoteEngine;
import com.openai.core.MultipartField;
import com.openai.models.audio.AudioResponseFormat;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateResponse;
import com.openai.models.audio.transcriptions.TranscriptionSegment;
import io.moked.engine.EngineException;
import io.moked.engine.Wav;
import io.moked.engine.openai.OpenAiClients;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;

/**
 * Transcription through an OpenAI-compatible {@code /audio/transcriptions} endpoint: the segment is uploaded as a
 * 16 kHz mono WAV. Asks for {@code verbose_json} so the confidence can be derived from the segments' average log
 * probability; a server answering plain {@code json} gives a transcript with unknown confidence (NaN).
 */
@Singleton
public class OpenAiSttEngine implements SttEngine, RemoteEngine {
    public static final String NAME = "openai";
    private static final int SAMPLE_RATE_HZ = 16_000;

    private final OpenAiClients clients;

    public OpenAiSttEngine(OpenAiClients clients) {
        this.clients = clients;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Transcript transcribe(float[] pcm16k, String language) throws EngineException {
        byte[] wav = Wav.encodePcm16(pcm16k, SAMPLE_RATE_HZ);
        TranscriptionCreateParams params = TranscriptionCreateParams.builder()
                .file(MultipartField.<InputStream>builder().value(new ByteArrayInputStream(wav))
                        .filename("segment.wav").contentType("audio/wav").build())
                .model(clients.config().transcriptionModel())
                .language(language)
                .responseFormat(AudioResponseFormat.VERBOSE_JSON)
                .build();
        TranscriptionCreateResponse response;
        try {
            response = clients.client(NAME).audio().transcriptions().create(params);
        } catch (RuntimeException e) {
            throw new EngineException(NAME, "transcription request to " + clients.config().baseUrl() + " failed: "
                    + e.getMessage(), e);
        }
        if (response.isVerbose()) {
            var verbose = response.asVerbose();
            List<TranscriptionSegment> segments = verbose.segments().orElse(List.of());
            double confidence = segments.isEmpty() ? Double.NaN
                    : Math.exp(segments.stream().mapToDouble(TranscriptionSegment::avgLogprob).average().orElse(0));
            return new Transcript(verbose.text().trim(), confidence, language);
        }
        if (response.isTranscription()) {
            return new Transcript(response.asTranscription().text().trim(), Double.NaN, language);
        }
        throw new EngineException(NAME, "unexpected transcription response: " + response);
    }

    @Override
    public void warmUp() throws EngineException {
        clients.verify(NAME);
    }
}
