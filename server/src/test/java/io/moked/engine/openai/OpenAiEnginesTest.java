package io.moked.engine.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moked.engine.Cancellation;
import io.moked.engine.EngineException;
import io.moked.llm.ChatMessage;
import io.moked.llm.ChatRequest;
import io.moked.llm.LlmEngine;
import io.moked.llm.OpenAiLlmEngine;
import io.moked.llm.ToolCall;
import io.moked.llm.ToolSpec;
import io.moked.stt.OpenAiSttEngine;
import io.moked.stt.SttEngine;
import io.moked.tts.OpenAiTtsEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenAiEnginesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private FakeOpenAiServer server;
    private OpenAiClients clients;

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAiServer();
    }

    @AfterEach
    void stop() {
        if (clients != null) {
            clients.close();
        }
        server.close();
    }

    private OpenAiClients clients(String key, String keyFile, String speechFormat) {
        clients = new OpenAiClients(new OpenAiConfig(server.baseUrl(), key, keyFile, "test-chat", "test-stt",
                "test-tts", "test-voice", speechFormat, FakeOpenAiServer.SPEECH_RATE_HZ, 10_000, 8));
        return clients;
    }

    @Test
    void streamingChatWithToolCall() throws Exception {
        OpenAiLlmEngine engine = new OpenAiLlmEngine(clients("test-key", null, "pcm"));
        ToolSpec tool = new ToolSpec("check_availability", "Free viewing slots on a date",
                "{\"type\":\"object\",\"properties\":{\"date\":{\"type\":\"string\"}},\"required\":[\"date\"]}");
        ChatRequest request = new ChatRequest(List.of(ChatMessage.system("You are a receptionist."),
                ChatMessage.user("מתי אפשר לראות את הדירה?"),
                ChatMessage.assistant("", List.of(new ToolCall("call_0", "check_availability", "{\"date\":\"x\"}"))),
                ChatMessage.toolResult("call_0", "{\"slots\":[]}")), List.of(tool), 0.3, 64, List.of("\n\n"), "CA1");
        List<String> deltas = new CopyOnWriteArrayList<>();
        List<ToolCall> calls = new CopyOnWriteArrayList<>();
        LlmEngine.Completion c = engine.chat(request, new LlmEngine.Listener() {
            @Override
            public void onText(String delta) {
                deltas.add(delta);
            }

            @Override
            public void onToolCall(ToolCall call) {
                calls.add(call);
            }
        }, new Cancellation());

        assertEquals(List.of("רגע, ", "בודקת."), deltas);
        assertEquals("רגע, בודקת.", c.text());
        assertEquals(1, calls.size());
        assertEquals(new ToolCall("call_1", "check_availability", "{\"date\":\"2025-03-02\"}"), calls.get(0));
        assertEquals(calls, c.toolCalls());
        assertEquals(7, c.tokens());
        assertFalse(c.cancelled());

        JsonNode sent = JSON.readTree(server.lastBody.get("/v1/chat/completions"));
        assertEquals("test-chat", sent.get("model").asText());
        assertTrue(sent.get("stream").asBoolean());
        assertEquals("check_availability", sent.at("/tools/0/function/name").asText());
        assertEquals("string", sent.at("/tools/0/function/parameters/properties/date/type").asText());
        assertEquals("tool", sent.at("/messages/3/role").asText());
        assertEquals("call_0", sent.at("/messages/3/tool_call_id").asText());
        assertEquals("call_0", sent.at("/messages/2/tool_calls/0/id").asText());
        assertEquals("\n\n", sent.at("/stop/0").asText());
        assertEquals("Bearer test-key", server.authorizations.get(0));
    }

    @Test
    void transcriptionUploadsWav() throws Exception {
        OpenAiSttEngine engine = new OpenAiSttEngine(clients("test-key", null, "pcm"));
        float[] pcm = new float[8_000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (float) (0.3 * Math.sin(2 * Math.PI * 200 * i / 16_000.0));
        }
        SttEngine.Transcript t = engine.transcribe(pcm, "he");
        assertEquals("שלום עולם", t.text());
        assertEquals(Math.exp(-0.2) * (1 - 0.01), t.confidence(), 1e-6, "avg_logprob discounted by no_speech_prob");
        assertEquals("he", t.language());

        String body = new String(server.lastBody.get("/v1/audio/transcriptions"), StandardCharsets.ISO_8859_1);
        assertTrue(body.contains("filename=\"segment.wav\""), "multipart file part");
        assertTrue(body.contains("RIFF") && body.contains("WAVEfmt "), "WAV header uploaded");
        int data = body.indexOf("data", body.indexOf("WAVEfmt "));
        int size = java.nio.ByteBuffer.wrap(body.substring(data + 4, data + 8).getBytes(StandardCharsets.ISO_8859_1))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        assertEquals(pcm.length * 2, size, "16-bit samples of the whole segment");
        assertTrue(body.contains("test-stt") && body.contains("verbose_json"));
    }

    @Test
    void speechDownloadAsPcmAndWav() throws Exception {
        for (String format : List.of("pcm", "wav")) {
            OpenAiTtsEngine engine = new OpenAiTtsEngine(clients("test-key", null, format));
            List<short[]> chunks = new ArrayList<>();
            List<Integer> rates = new ArrayList<>();
            engine.synthesize("שלום", "he", null, (pcm, rate) -> {
                chunks.add(pcm);
                rates.add(rate);
            }, new Cancellation());
            assertEquals(format, server.speechFormatSeen);
            int total = chunks.stream().mapToInt(c -> c.length).sum();
            assertEquals(FakeOpenAiServer.SPEECH_SAMPLES, total, format + ": every sample decoded");
            assertTrue(rates.stream().allMatch(r -> r == FakeOpenAiServer.SPEECH_RATE_HZ), format + " rate");
            short[] first = chunks.get(0);
            assertEquals((short) (8000 * Math.sin(2 * Math.PI * 440 * 1 / FakeOpenAiServer.SPEECH_RATE_HZ)), first[1],
                    format + ": samples decoded little-endian");
            JsonNode sent = JSON.readTree(server.lastBody.get("/v1/audio/speech"));
            assertEquals("test-voice", sent.get("voice").asText());
            assertEquals("שלום", sent.get("input").asText());
            clients.close();
        }
    }

    @Test
    void warmUpChecksTheEndpoint() throws Exception {
        new OpenAiLlmEngine(clients("test-key", null, "pcm")).warmUp();
        assertEquals("Bearer test-key", server.authorizations.get(0));
    }

    @Test
    void keyFromOwnerOnlyFile(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("openai.key");
        Files.writeString(key, "file-key\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        new OpenAiLlmEngine(clients(null, key.toString(), "pcm")).warmUp();
        assertEquals("Bearer file-key", server.authorizations.get(0));
    }

    @Test
    void worldReadableKeyFileIsRefused(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("openai.key");
        Files.writeString(key, "secret-value");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        EngineException e = assertThrows(EngineException.class,
                () -> new OpenAiLlmEngine(clients(null, key.toString(), "pcm")).warmUp());
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-value"), "the key never appears in messages");
        assertTrue(server.authorizations.isEmpty(), "nothing was sent");
    }

    @Test
    void missingKeyMakesTheEngineNotReadyWithTheFix() {
        EngineException e = assertThrows(EngineException.class,
                () -> new OpenAiSttEngine(clients(null, null, "pcm")).warmUp());
        assertTrue(e.getMessage().contains("MOKED_OPENAI_API_KEY"), e.getMessage());
    }

    @Test
    void configToStringMasksTheKey() {
        OpenAiConfig c = new OpenAiConfig("http://x", "sk-very-secret", null, "a", "b", "c", "d", "pcm", 24000, 1, 8);
        assertFalse(c.toString().contains("sk-very-secret"));
    }
}
