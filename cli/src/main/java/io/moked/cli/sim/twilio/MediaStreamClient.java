package io.moked.cli.sim.twilio;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Twilio's side of a bidirectional Media Stream: a JDK WebSocket opened with a valid {@code X-Twilio-Signature}.
 * Sends are serialised (the JDK allows one outstanding send per socket) without ever blocking the caller's thread.
 * Incoming messages are parsed and handed to the {@link Handler} on the HTTP client's executor.
 */
public final class MediaStreamClient implements WebSocket.Listener {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int NORMAL_CLOSURE = 1000;

    /** What the appliance does on the stream. {@code nanos} is {@link System#nanoTime()} at arrival. */
    public interface Handler {
        void onAgentMessage(AgentMessage message, long nanos);

        /** A message Twilio would not understand (logged and counted; the call goes on). */
        void onMalformed(String problem);

        void onClosed(int statusCode, String reason);

        void onError(Throwable error);
    }

    private final Handler handler;
    private final Object lock = new Object();
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private boolean sending;
    private boolean closeRequested;

    private MediaStreamClient(Handler handler) {
        this.handler = handler;
    }

    /**
     * @param uri       where to connect (may differ from the signed URL when the appliance is behind a proxy)
     * @param signature {@code X-Twilio-Signature} of the {@code wss://} URL from the TwiML
     */
    public static CompletableFuture<MediaStreamClient> connect(HttpClient http, URI uri, String signature,
                                                               Handler handler) {
        MediaStreamClient client = new MediaStreamClient(handler);
        return http.newWebSocketBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .header(TwilioSignature.HEADER, signature)
                .buildAsync(uri, client)
                .thenApply(ws -> {
                    synchronized (client.lock) {
                        client.socket = ws;
                    }
                    client.pump();
                    return client;
                });
    }

    /** Queues a text message; messages leave in order. */
    public void send(String text) {
        synchronized (lock) {
            if (closeRequested) {
                return;
            }
            queue.add(text);
        }
        pump();
    }

    /** Closes normally once everything queued has been sent. */
    public void close() {
        synchronized (lock) {
            closeRequested = true;
        }
        pump();
    }

    /** Drops the connection at once (a call that must end now). */
    public void abort() {
        WebSocket ws;
        synchronized (lock) {
            closeRequested = true;
            queue.clear();
            ws = socket;
        }
        if (ws != null) {
            ws.abort();
        }
    }

    private void pump() {
        while (true) {
            String next;
            WebSocket ws;
            synchronized (lock) {
                ws = socket;
                if (ws == null || sending) {
                    return;
                }
                next = queue.poll();
                if (next == null) {
                    if (closeRequested && !ws.isOutputClosed()) {
                        sending = true;
                        ws.sendClose(NORMAL_CLOSURE, "").whenComplete((w, e) -> {
                            synchronized (lock) {
                                sending = false;
                            }
                        });
                    }
                    return;
                }
                sending = true;
            }
            CompletableFuture<WebSocket> sent = ws.sendText(next, true);
            if (sent.isDone() && !sent.isCompletedExceptionally()) {
                synchronized (lock) {
                    sending = false;
                }
                continue;
            }
            sent.whenComplete((w, e) -> {
                synchronized (lock) {
                    sending = false;
                    if (e != null) {
                        queue.clear();
                        closeRequested = true;
                    }
                }
                if (e != null) {
                    handler.onError(e);
                } else {
                    pump();
                }
            });
            return;
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            long now = System.nanoTime();
            AgentMessage message = null;
            try {
                message = AgentMessage.parse(text);
            } catch (IllegalArgumentException e) {
                handler.onMalformed(e.getMessage());
            }
            if (message != null) {
                handler.onAgentMessage(message, now);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        handler.onMalformed("binary WebSocket message (Twilio only accepts JSON text)");
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        handler.onClosed(statusCode, reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        handler.onError(error);
    }
}
