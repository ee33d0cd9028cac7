package io.moked.telephony.twilio;

import io.moked.audio.AudioFormat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test stand-in for Twilio's side of a Media Stream (JDK WebSocket client): sends connected/start/media/mark/stop
 * like Twilio, "plays" the agent audio it receives in real time and echoes each mark once the audio before it has
 * played; on clear it drops unplayed audio and echoes the pending marks at once (as Twilio does).
 */
final class FakeTwilioPhone implements AutoCloseable {
    record Received(String event, int samples, String mark, long nanos) {
    }

    private static final Pattern EVENT = Pattern.compile("\"event\"\\s*:\\s*\"([a-z]+)\"");
    private static final Pattern PAYLOAD = Pattern.compile("\"payload\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern MARK_NAME = Pattern.compile("\"mark\"\\s*:\\s*\\{\\s*\"name\"\\s*:\\s*\"([^\"]*)\"");

    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<String> echoedMarks = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final List<ScheduledFuture<?>> pendingEchoes = new ArrayList<>();
    private final List<String> pendingMarks = new ArrayList<>();
    private final String streamSid;
    private WebSocket socket;
    private long playheadNanos;
    private final java.util.ArrayDeque<Clip> clips = new java.util.ArrayDeque<>();
    private Clip speaking;
    private int clipOffset;
    private volatile boolean micOn;
    private Thread mic;

    /** A caller utterance queued on the microphone; times are filled as it is sent. */
    static final class Clip {
        final byte[] ulaw;
        final CompletableFuture<Long> started = new CompletableFuture<>();
        final CompletableFuture<Long> finished = new CompletableFuture<>();

        Clip(byte[] ulaw) {
            this.ulaw = ulaw;
        }
    }

    FakeTwilioPhone(String streamSid) {
        this.streamSid = streamSid;
    }

    /** Opens the socket; the future fails (e.g. 403) when the upgrade is refused. */
    CompletableFuture<FakeTwilioPhone> connect(URI uri, String signature) {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .header("X-Twilio-Signature", signature)
                .buildAsync(uri, new Listener())
                .thenApply(ws -> {
                    socket = ws;
                    return this;
                });
    }

    void send(String json) {
        CompletableFuture.runAsync(() -> socket.sendText(json, true).join(), sender).join();
    }

    private void sendAsync(String json) {
        sender.execute(() -> {
            if (!socket.isOutputClosed()) {
                socket.sendText(json, true).join();
            }
        });
    }

    /** Sends one text message split into {@code parts} WebSocket frames (continuation frames after the first). */
    void sendFragmented(String text, int parts) {
        CompletableFuture.runAsync(() -> {
            int step = (text.length() + parts - 1) / parts;
            for (int i = 0; i < text.length(); i += step) {
                boolean last = i + step >= text.length();
                socket.sendText(text.substring(i, Math.min(text.length(), i + step)), last).join();
            }
        }, sender).join();
    }

    void connected() {
        send("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
    }

    /** Monotonic time the start message was sent. */
    volatile long startSentNanos;

    void start(String callSid, String accountSid, String customParametersJson) {
        startSentNanos = System.nanoTime();
        send("{\"event\":\"start\",\"sequenceNumber\":\"1\",\"start\":{\"accountSid\":\"" + accountSid
                + "\",\"streamSid\":\"" + streamSid + "\",\"callSid\":\"" + callSid
                + "\",\"tracks\":[\"inbound\"],\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,"
                + "\"channels\":1},\"customParameters\":" + customParametersJson + "},\"streamSid\":\"" + streamSid
                + "\"}");
    }

    void media(byte[] ulaw20ms, long timestampMs) {
        send(mediaJson(ulaw20ms, timestampMs));
    }

    void dtmf(String digit) {
        send("{\"event\":\"dtmf\",\"streamSid\":\"" + streamSid + "\",\"dtmf\":{\"track\":\"inbound_track\","
                + "\"digit\":\"" + digit + "\"}}");
    }

    void stop(String callSid, String accountSid) {
        send("{\"event\":\"stop\",\"streamSid\":\"" + streamSid + "\",\"stop\":{\"accountSid\":\"" + accountSid
                + "\",\"callSid\":\"" + callSid + "\"}}");
    }

    /**
     * Starts the caller's microphone: like Twilio, a 20 ms media message every 20 ms for the whole call (silence
     * unless an utterance is queued with {@link #say}).
     */
    void startMic() {
        micOn = true;
        mic = new Thread(() -> {
            long start = System.nanoTime();
            for (long n = 0; micOn; n++) {
                long wait = start + TimeUnit.MILLISECONDS.toNanos(n * 20) - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                byte[] frame = nextMicFrame();
                long ts = n * 20;
                try {
                    sender.execute(() -> {
                        if (!socket.isOutputClosed()) {
                            socket.sendText(mediaJson(frame, ts), true).join();
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException closed) {
                    return; // the phone was closed
                }
            }
        }, "fake-twilio-mic");
        mic.setDaemon(true);
        mic.start();
    }

    void stopMic() throws InterruptedException {
        micOn = false;
        if (mic != null) {
            mic.join(1000);
        }
    }

    /** Queues an utterance (8 kHz μ-law) on the microphone. */
    Clip say(byte[] ulaw) {
        Clip clip = new Clip(ulaw);
        synchronized (clips) {
            clips.add(clip);
        }
        return clip;
    }

    private byte[] nextMicFrame() {
        int frame = AudioFormat.ULAW_BYTES_PER_FRAME;
        byte[] out = silence(20);
        synchronized (clips) {
            if (speaking == null && !clips.isEmpty()) {
                speaking = clips.poll();
                clipOffset = 0;
                speaking.started.complete(System.nanoTime());
            }
            if (speaking != null) {
                int len = Math.min(frame, speaking.ulaw.length - clipOffset);
                System.arraycopy(speaking.ulaw, clipOffset, out, 0, len);
                clipOffset += len;
                if (clipOffset >= speaking.ulaw.length) {
                    speaking.finished.complete(System.nanoTime());
                    speaking = null;
                }
            }
        }
        return out;
    }

    /** Like Twilio: the chunk number counts the track's media messages from 1, the sequence number all messages. */
    private String mediaJson(byte[] ulaw20ms, long timestampMs) {
        return mediaJson(chunks.incrementAndGet(), ulaw20ms, timestampMs);
    }

    String mediaJson(long chunk, byte[] ulaw20ms, long timestampMs) {
        return "{\"event\":\"media\",\"sequenceNumber\":\"" + sequence.incrementAndGet() + "\",\"streamSid\":\""
                + streamSid + "\",\"media\":{\"track\":\"inbound\",\"chunk\":\"" + chunk + "\",\"timestamp\":\""
                + timestampMs + "\",\"payload\":\"" + Base64.getEncoder().encodeToString(ulaw20ms) + "\"}}";
    }

    private final java.util.concurrent.atomic.AtomicLong chunks = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong(1);

    /** Media messages sent so far. */
    long mediaSent() {
        return chunks.get();
    }

    static byte[] silence(int ms) {
        byte[] out = new byte[ms * 8];
        java.util.Arrays.fill(out, (byte) 0xFF);
        return out;
    }

    List<Received> events(String event) {
        return received.stream().filter(r -> r.event().equals(event)).toList();
    }

    /** Agent audio received so far, in ms. */
    long audioMs() {
        return events("media").stream().mapToLong(r -> r.samples() / 8).sum();
    }

    private synchronized void onMessage(String json, long now) {
        Matcher m = EVENT.matcher(json);
        String event = m.find() ? m.group(1) : "?";
        switch (event) {
            case "media" -> {
                Matcher p = PAYLOAD.matcher(json);
                int samples = p.find() ? Base64.getDecoder().decode(p.group(1)).length : 0;
                received.add(new Received(event, samples, null, now));
                playheadNanos = Math.max(playheadNanos, now) + TimeUnit.MILLISECONDS.toNanos(samples / 8);
            }
            case "mark" -> {
                Matcher n = MARK_NAME.matcher(json);
                String name = n.find() ? n.group(1) : "";
                received.add(new Received(event, 0, name, now));
                pendingMarks.add(name);
                pendingEchoes.add(clock.schedule(() -> echo(name), Math.max(0, playheadNanos - now),
                        TimeUnit.NANOSECONDS));
            }
            case "clear" -> {
                received.add(new Received(event, 0, null, now));
                pendingEchoes.forEach(f -> f.cancel(false));
                pendingEchoes.clear();
                playheadNanos = now;
                for (String name : List.copyOf(pendingMarks)) {
                    echo(name);
                }
            }
            default -> received.add(new Received(event, 0, null, now));
        }
    }

    private synchronized void echo(String name) {
        if (pendingMarks.remove(name)) {
            echoedMarks.add(name);
            sendAsync("{\"event\":\"mark\",\"streamSid\":\"" + streamSid + "\",\"mark\":{\"name\":\"" + name + "\"}}");
        }
    }

    @Override
    public void close() {
        micOn = false;
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        clock.shutdownNow();
        sender.shutdown();
    }

    /** Drops the connection without a close handshake or stop (a crashed Twilio edge / network cut). */
    void abort() {
        micOn = false;
        if (socket != null) {
            socket.abort();
        }
        clock.shutdownNow();
        sender.shutdownNow();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                onMessage(partial.toString(), System.nanoTime());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
