package io.moked.engine.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenAI-compatible HTTP server for tests (test code): answers /models, streams /chat/completions as SSE with a
 * text delta and a tool call split over several chunks, accepts /audio/transcriptions uploads and serves
 * /audio/speech as WAV or raw PCM. Records every request body so tests can check what the client sent.
 */
public final class FakeOpenAiServer implements AutoCloseable {
    public static final int SPEECH_RATE_HZ = 22_050;
    public static final int SPEECH_SAMPLES = 2_205;

    final HttpServer server;
    final Map<String, byte[]> lastBody = new ConcurrentHashMap<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    volatile String speechFormatSeen;

    public FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/models", ex -> {
            record(ex);
            respond(ex, 200, "application/json", "{\"object\":\"list\",\"data\":[{\"id\":\"test-model\","
                    + "\"object\":\"model\",\"created\":0,\"owned_by\":\"test\"}]}");
        });
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/v1/audio/transcriptions", this::transcription);
        server.createContext("/v1/audio/speech", this::speech);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void record(HttpExchange ex) throws IOException {
        lastBody.put(ex.getRequestURI().getPath(), ex.getRequestBody().readAllBytes());
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
    }

    private void chat(HttpExchange ex) throws IOException {
        record(ex);
        String base = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"test-model\","
                + "\"choices\":[{\"index\":0,\"delta\":%s,\"finish_reason\":%s}]}";
        List<String> events = List.of(
                String.format(base, "{\"role\":\"assistant\",\"content\":\"רגע, \"}", "null"),
                String.format(base, "{\"content\":\"בודקת.\"}", "null"),
                String.format(base, "{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"check_availability\",\"arguments\":\"\"}}]}", "null"),
                String.format(base, "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"date\\\":\"}}]}",
                        "null"),
                String.format(base, "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"2025-03-02\\\"}\"}}]}",
                        "null"),
                String.format(base, "{}", "\"tool_calls\""),
                "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"test-model\","
                        + "\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":7,\"total_tokens\":27}}");
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            for (String e : events) {
                out.write(("data: " + e + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void transcription(HttpExchange ex) throws IOException {
        record(ex);
        respond(ex, 200, "application/json", "{\"task\":\"transcribe\",\"language\":\"hebrew\",\"duration\":0.5,"
                + "\"text\":\" שלום עולם\",\"segments\":[{\"id\":0,\"seek\":0,\"start\":0.0,\"end\":0.5,"
                + "\"text\":\" שלום עולם\",\"tokens\":[1,2],\"temperature\":0.0,\"avg_logprob\":-0.2,"
                + "\"compression_ratio\":1.0,\"no_speech_prob\":0.01}]}");
    }

    private void speech(HttpExchange ex) throws IOException {
        record(ex);
        String body = new String(lastBody.get("/v1/audio/speech"), StandardCharsets.UTF_8);
        boolean wav = body.contains("\"wav\"");
        speechFormatSeen = wav ? "wav" : "pcm";
        ByteBuffer pcm = ByteBuffer.allocate(SPEECH_SAMPLES * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < SPEECH_SAMPLES; i++) {
            pcm.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / SPEECH_RATE_HZ)));
        }
        byte[] payload = pcm.array();
        if (wav) {
            ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            // streaming servers leave the sizes unknown (0xFFFFFFFF); the decoder must not rely on them
            h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(-1).put("WAVE".getBytes(StandardCharsets.US_ASCII));
            h.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                    .putInt(SPEECH_RATE_HZ).putInt(SPEECH_RATE_HZ * 2).putShort((short) 2).putShort((short) 16);
            h.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(-1);
            byte[] all = new byte[44 + payload.length];
            System.arraycopy(h.array(), 0, all, 0, 44);
            System.arraycopy(payload, 0, all, 44, payload.length);
            payload = all;
        }
        ex.getResponseHeaders().add("Content-Type", wav ? "audio/wav" : "audio/pcm");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            // odd-sized pieces: the decoder must carry half samples across reads
            for (int at = 0; at < payload.length; at += 1001) {
                out.write(payload, at, Math.min(1001, payload.length - at));
                out.flush();
            }
        }
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
