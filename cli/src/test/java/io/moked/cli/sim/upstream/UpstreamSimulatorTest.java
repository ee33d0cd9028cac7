package io.moked.cli.sim.upstream;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponse;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.audio.AudioResponseFormat;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.models.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator speaks the OpenAI protocol as the official openai-java client understands it. */
class UpstreamSimulatorTest {
    private static final String SCRIPT = """
            chat:
              rules:
                - match: "viewing"
                  reply: "Let me book that."
                  tool_call:
                    name: book_viewing
                    arguments: {"when": "tomorrow 10:00", "address": "Herzl 12"}
                - match: "price"
                  reply: "It costs two million."
            transcriptions: ["שלום, אני מחפש דירה", "second text"]
            speech:
              ms_per_char: 50
              sample_rate_hz: 24000
            """;
    private static final long TTFT_MS = 120;

    @TempDir
    static Path dir;
    static UpstreamSimulator sim;
    static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        Path script = dir.resolve("script.yaml");
        Files.writeString(script, SCRIPT);
        sim = UpstreamSimulator.start(new SimSettings("127.0.0.1", 0, TTFT_MS, 200, 50, 0.5,
                SimScript.load(script)));
        client = OpenAIOkHttpClient.builder().baseUrl(sim.baseUrl()).apiKey("not-needed").maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static ChatCompletionFunctionTool bookViewingTool() {
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("book_viewing")
                .description("Book a viewing").parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object")).build()).build()).build();
    }

    @Test
    void streamingChatEmitsTextThenToolCallInDeltaFormat() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("any-model")
                .addSystemMessage("You are a receptionist").addUserMessage("I'd like a viewing please")
                .addTool(bookViewingTool())
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(c -> chunks.add(acc.accumulate(c)));
        }
        ChatCompletion completion = acc.chatCompletion();
        assertEquals(UpstreamSimulator.MODEL_ID, completion.model());
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, choice.finishReason());
        assertEquals("Let me book that.", choice.message().content().orElse(""));
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().get(0).asFunction();
        assertEquals("book_viewing", call.function().name());
        assertEquals("{\"when\":\"tomorrow 10:00\",\"address\":\"Herzl 12\"}", call.function().arguments());
        assertTrue(call.id().startsWith("call_sim_"));
        // the arguments really arrive as several fragments, as real servers stream them
        long argumentChunks = chunks.stream().filter(c -> !c.choices().isEmpty())
                .filter(c -> c.choices().get(0).delta().toolCalls().isPresent()).count();
        assertTrue(argumentChunks > 2, "tool call should be streamed in fragments, got " + argumentChunks);
        assertTrue(completion.usage().isPresent(), "include_usage asked for a usage chunk");
    }

    @Test
    void toolCallIsOnlyEmittedWhenTheRequestOffersThatTool() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("m").addUserMessage("a viewing?").build());
        assertFalse(completion.choices().get(0).message().toolCalls().isPresent()
                && !completion.choices().get(0).message().toolCalls().get().isEmpty());
        assertEquals("Let me book that.", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
    }

    @Test
    void afterAToolResultTheScriptedFollowUpIsSpokenAndRulesMatchInOrder() {
        ChatCompletion afterTool = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("m").addUserMessage("a viewing")
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_1").content("{\"ok\":true}")
                        .build()).build());
        assertEquals(SimScript.defaults().chat().afterToolReply(),
                afterTool.choices().get(0).message().content().orElseThrow());
        String price = streamText(ChatCompletionCreateParams.builder().model("m")
                .addUserMessage("what is the PRICE").build());
        assertEquals("It costs two million.", price);
        String other = streamText(ChatCompletionCreateParams.builder().model("m").addUserMessage("hello").build());
        assertEquals(SimScript.defaults().chat().defaultReply(), other);
    }

    private static String streamText(ChatCompletionCreateParams params) {
        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(acc::accumulate);
        }
        return acc.chatCompletion().choices().get(0).message().content().orElse("");
    }

    @Test
    void maxTokensTruncatesWithFinishReasonLength() {
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder().model("m")
                .addUserMessage("price").maxCompletionTokens(2).build());
        assertEquals("It costs ", c.choices().get(0).message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.LENGTH, c.choices().get(0).finishReason());
    }

    @Test
    void firstTokenIsNeverEarlierThanTheConfiguredTtft() {
        long start = System.nanoTime();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("m").addUserMessage("hello").build())) {
            stream.stream().findFirst().orElseThrow();
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs >= TTFT_MS, "first chunk after " + elapsedMs + " ms, ttft is " + TTFT_MS);
    }

    @Test
    void transcriptionsReturnScriptedTextsInTurn() {
        // a params object wraps the audio in a one-shot stream: build one per request
        String first = client.audio().transcriptions().create(transcription()).asTranscription().text();
        String second = client.audio().transcriptions().create(transcription()).asTranscription().text();
        assertEquals(List.of("שלום, אני מחפש דירה", "second text").stream().sorted().collect(Collectors.toList()),
                List.of(first, second).stream().sorted().collect(Collectors.toList()));
        // 1.5 s of 16 kHz WAV: verbose_json reports its real duration
        SimScript.Speech sixteenK = new SimScript.Speech(440, 0.3, 100, 16000);
        byte[] pcm = SyntheticSpeech.pcm16le("x".repeat(15), sixteenK);
        byte[] header = SyntheticSpeech.wavHeader(pcm.length, 16000);
        byte[] wav = java.util.Arrays.copyOf(header, header.length + pcm.length);
        System.arraycopy(pcm, 0, wav, header.length, pcm.length);
        var verbose = client.audio().transcriptions().create(TranscriptionCreateParams.builder().model("whisper-1")
                .file(wav).responseFormat(AudioResponseFormat.VERBOSE_JSON).build()).asVerbose();
        assertFalse(verbose.text().isEmpty());
        assertEquals(1.5, verbose.duration(), 0.01);
    }

    private static TranscriptionCreateParams transcription() {
        return TranscriptionCreateParams.builder().model("whisper-1").language("he").file(new byte[3200]).build();
    }

    @Test
    void speechIsAValidLabelledWavOfLengthProportionalToText() throws Exception {
        String text = "שלום לכם";
        byte[] wav;
        try (HttpResponse response = client.audio().speech().create(SpeechCreateParams.builder().model("tts-1")
                .voice("alloy").input(text).responseFormat(SpeechCreateParams.ResponseFormat.WAV).build())) {
            assertEquals(UpstreamSimulator.MARKER_VALUE,
                    response.headers().values(UpstreamSimulator.MARKER_HEADER).get(0));
            wav = response.body().readAllBytes();
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat format = in.getFormat();
            assertEquals(24000f, format.getSampleRate());
            assertEquals(1, format.getChannels());
            assertEquals(16, format.getSampleSizeInBits());
            long expectedFrames = text.length() * 50L * 24000 / 1000;
            assertEquals(expectedFrames, in.getFrameLength());
        }
        assertTrue(new String(wav, StandardCharsets.US_ASCII).contains(SyntheticSpeech.LABEL));
        try (HttpResponse pcm = client.audio().speech().create(SpeechCreateParams.builder().model("tts-1")
                .voice("alloy").input(text).responseFormat(SpeechCreateParams.ResponseFormat.PCM).build())) {
            byte[] raw = pcm.body().readAllBytes();
            assertArrayEquals(SyntheticSpeech.pcm16le(text, sim.settings().script().speech()), raw);
        }
    }

    @Test
    void badRequestsGetOpenAiStyleErrors() {
        BadRequestException mp3 = assertThrows(BadRequestException.class, () -> {
            try (HttpResponse r = client.audio().speech().create(SpeechCreateParams.builder().model("tts-1")
                    .voice("alloy").input("x").responseFormat(SpeechCreateParams.ResponseFormat.MP3).build())) {
                r.body().readAllBytes();
            }
        });
        assertTrue(mp3.getMessage().contains("'wav' or 'pcm'"), mp3.getMessage());
        BadRequestException noMessages = assertThrows(BadRequestException.class, () -> client.chat().completions()
                .create(ChatCompletionCreateParams.builder().model("m").messages(List.of()).build()));
        assertTrue(noMessages.getMessage().contains("messages"), noMessages.getMessage());
    }

    @Test
    void modelsListTheSimulator() {
        List<String> ids = client.models().list().data().stream().map(Model::id).collect(Collectors.toList());
        assertTrue(ids.contains(UpstreamSimulator.MODEL_ID), ids.toString());
    }

    /** 200 concurrent streaming requests all complete; the time is printed, not asserted (see scripts/bench). */
    @Test
    void servesTwoHundredConcurrentStreams() {
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"price\"}]}";
        long start = System.nanoTime();
        List<CompletableFuture<String>> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            all.add(http.sendAsync(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/chat/completions"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).thenApply(java.net.http.HttpResponse::body));
        }
        Map<Boolean, Long> done = all.stream().map(CompletableFuture::join)
                .collect(Collectors.partitioningBy(b -> b.endsWith("data: [DONE]\n\n") && b.contains("million"),
                        Collectors.counting()));
        System.out.printf("200 concurrent streams done in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertEquals(200L, done.get(true));
    }
}
