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
 * 16 kHz mono WAV. Asks for {@code verbose_json}, whose segments carry whisper's {@code avg_logprob} and
 * {@code no_speech_prob}, and turns them into the utterance's confidence ({@link SttConfidence}); a plain
 * {@code json} answer with token {@code logprobs} gives it from those; an answer with neither gives a transcript with
 * unknown confidence (NaN), never a default.
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
            return new Transcript(verbose.text().trim(), confidence(segments), language);
        }
        if (response.isTranscription()) {
            var plain = response.asTranscription();
            double[] logprobs = plain.logprobs().orElse(List.of()).stream()
                    .mapToDouble(l -> l.logprob().orElse(Double.NaN)).toArray();
            return new Transcript(plain.text().trim(), SttConfidence.fromTokenLogprobs(logprobs, Double.NaN),
                    language);
        }
        throw new EngineException(NAME, "unexpected transcription response: " + response);
    }

    /** Segments without avg_logprob (some servers omit it) make the confidence unknown rather than guessed. */
    static double confidence(List<TranscriptionSegment> segments) {
        List<SttConfidence.Segment> known = new java.util.ArrayList<>();
        for (TranscriptionSegment s : segments) {
            java.util.Optional<Float> avg = s._avgLogprob().asKnown();
            if (avg.isEmpty()) {
                return SttConfidence.UNKNOWN;
            }
            int tokens = s._tokens().asKnown().map(List::size).orElse(0);
            double noSpeech = s._noSpeechProb().asKnown().map(Float::doubleValue).orElse(Double.NaN);
            known.add(new SttConfidence.Segment(avg.get(), tokens, noSpeech));
        }
        return SttConfidence.fromSegments(known);
    }

    @Override
    public void warmUp() throws EngineException {
        clients.verify(NAME);
    }
}
