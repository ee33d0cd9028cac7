package io.moked.cli.sim.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.security.RequestValidator;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.Stream;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test double of an appliance speaking Twilio's protocol: verifies signatures with the twilio SDK, answers TwiML
 * built with the SDK, and on the media socket plays a scripted agent — a greeting on {@code start}, a reply after
 * each caller utterance (speech = any non-silent μ-law frame; end = 10 silent frames), and {@code clear} when the
 * caller speaks while marks are still pending. Every audio chunk is followed by a mark. It records what it saw.
 */
public final class FakeTwilioAppliance implements AutoCloseable {
    public static final byte SILENCE = (byte) 0xFF;
    private static final int END_OF_SPEECH_FRAMES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Answer { STREAM, VOICEMAIL }

    /** What the agent sends: {@code chunks} chunks of {@code chunkMs} each, all at once, a mark after each. */
    public record Reply(int chunks, int chunkMs) {
    }

    private final String authToken;
    private final Answer answer;
    private final boolean rejectMediaSignature;
    private final Reply greeting;
    private final List<Reply> replies;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    final Map<String, String> twimlParameters = Map.of("tenant", "acme", "callId", "c-1");
    final List<JsonNode> received = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Long> markSentNanos = new ConcurrentHashMap<>();
    final Map<String, Long> markEchoNanos = new ConcurrentHashMap<>();
    final List<String> markEchoOrder = Collections.synchronizedList(new ArrayList<>());
    public final List<Long> clearSentNanos = Collections.synchronizedList(new ArrayList<>());
    public final Map<String, String> statusCallback = new ConcurrentHashMap<>();
    public final java.util.concurrent.atomic.AtomicInteger statusCallbacks = new java.util.concurrent.atomic.AtomicInteger();
    public final CountDownLatch stopped = new CountDownLatch(1);
    volatile boolean webhookSignatureValid;
    volatile boolean mediaSignatureValid;
    volatile int agentFramesSent;

    public FakeTwilioAppliance(String authToken, Answer answer, boolean rejectMediaSignature, Reply greeting,
                        List<Reply> replies) throws InterruptedException {
        this.authToken = authToken;
        this.answer = answer;
        this.rejectMediaSignature = rejectMediaSignature;
        this.greeting = greeting;
        this.replies = replies;
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new Handler());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
    }

    String wssMediaUrl() {
        return "wss://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/twilio/media";
    }

    List<JsonNode> events(String event) {
        synchronized (received) {
            return received.stream().filter(n -> event.equals(n.path("event").asText())).toList();
        }
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private final class Handler extends ChannelInboundHandlerAdapter {
        private WebSocketServerHandshaker handshaker;
        private String streamSid;
        private boolean speaking;
        private int silentFrames;
        private int replyIndex;
        private int markCounter;
        private final List<String> pendingMarks = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof FullHttpRequest) {
                    http(ctx, (FullHttpRequest) msg);
                } else if (msg instanceof TextWebSocketFrame) {
                    media(ctx, JSON.readTree(((TextWebSocketFrame) msg).text()));
                } else if (msg instanceof CloseWebSocketFrame) {
                    handshaker.close(ctx.channel(), ((CloseWebSocketFrame) msg).retain());
                }
            } catch (Exception e) {
                ctx.close();
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void http(ChannelHandlerContext ctx, FullHttpRequest req) throws Exception {
            String path = new QueryStringDecoder(req.uri()).path();
            String signature = req.headers().get("X-Twilio-Signature");
            if (path.equals("/twilio/media")) {
                mediaSignatureValid = signature != null
                        && new RequestValidator(authToken).validate(wssMediaUrl(), Map.of(), signature);
                if (!mediaSignatureValid || rejectMediaSignature) {
                    respond(ctx, HttpResponseStatus.FORBIDDEN, "text/plain", "forbidden");
                    return;
                }
                handshaker = new WebSocketServerHandshakerFactory(wssMediaUrl(), null, true).newHandshaker(req);
                handshaker.handshake(ctx.channel(), req);
                return;
            }
            Map<String, String> params = new LinkedHashMap<>();
            new QueryStringDecoder(req.content().toString(StandardCharsets.UTF_8), false).parameters()
                    .forEach((k, v) -> params.put(k, v.get(0)));
            boolean valid = signature != null
                    && new RequestValidator(authToken).validate(baseUrl() + path, params, signature);
            if (path.equals("/twilio/status")) {
                if (valid) {
                    statusCallback.putAll(params);
                    statusCallbacks.incrementAndGet();
                }
                respond(ctx, valid ? HttpResponseStatus.NO_CONTENT : HttpResponseStatus.FORBIDDEN, "text/plain", "");
                return;
            }
            webhookSignatureValid = valid;
            if (!valid) {
                respond(ctx, HttpResponseStatus.FORBIDDEN, "text/plain", "forbidden");
                return;
            }
            VoiceResponse twiml;
            if (answer == Answer.VOICEMAIL) {
                twiml = new VoiceResponse.Builder().say(new Say.Builder("leave a message").build())
                        .record(new Record.Builder().build()).build();
            } else {
                Stream.Builder stream = new Stream.Builder().url(wssMediaUrl());
                twimlParameters.forEach((k, v) -> stream.parameter(new Parameter.Builder().name(k).value(v).build()));
                twiml = new VoiceResponse.Builder().connect(new Connect.Builder().stream(stream.build()).build())
                        .build();
            }
            respond(ctx, HttpResponseStatus.OK, "application/xml", twiml.toXml());
        }

        private void media(ChannelHandlerContext ctx, JsonNode node) {
            received.add(node);
            switch (node.path("event").asText()) {
                case "start":
                    streamSid = node.path("start").path("streamSid").asText();
                    send(ctx, greeting, "g");
                    break;
                case "media":
                    onCallerFrame(ctx, Base64.getDecoder().decode(node.path("media").path("payload").asText()));
                    break;
                case "mark":
                    String name = node.path("mark").path("name").asText();
                    markEchoNanos.put(name, System.nanoTime());
                    markEchoOrder.add(name);
                    pendingMarks.remove(name);
                    break;
                case "stop":
                    stopped.countDown();
                    break;
                default:
                    break;
            }
        }

        private void onCallerFrame(ChannelHandlerContext ctx, byte[] frame) {
            boolean voiced = false;
            for (byte b : frame) {
                voiced |= b != SILENCE;
            }
            if (voiced) {
                silentFrames = 0;
                if (!speaking) {
                    speaking = true;
                    if (!pendingMarks.isEmpty()) {
                        clearSentNanos.add(System.nanoTime());
                        ctx.writeAndFlush(new TextWebSocketFrame("{\"event\":\"clear\",\"streamSid\":\"" + streamSid
                                + "\"}"));
                    }
                }
            } else if (speaking && ++silentFrames >= END_OF_SPEECH_FRAMES) {
                speaking = false;
                if (replyIndex < replies.size()) {
                    send(ctx, replies.get(replyIndex), "r" + replyIndex++);
                }
            }
        }

        private void send(ChannelHandlerContext ctx, Reply reply, String prefix) {
            byte[] tone = new byte[reply.chunkMs() * 8];
            for (int i = 0; i < tone.length; i++) {
                tone[i] = (byte) (i % 2 == 0 ? 0x10 : 0x90);  // audible, never the silence code
            }
            String payload = Base64.getEncoder().encodeToString(tone);
            for (int i = 0; i < reply.chunks(); i++) {
                String mark = prefix + "_" + i + "_" + markCounter++;
                ctx.write(new TextWebSocketFrame("{\"event\":\"media\",\"streamSid\":\"" + streamSid
                        + "\",\"media\":{\"payload\":\"" + payload + "\"}}"));
                ctx.write(new TextWebSocketFrame("{\"event\":\"mark\",\"streamSid\":\"" + streamSid
                        + "\",\"mark\":{\"name\":\"" + mark + "\"}}"));
                markSentNanos.put(mark, System.nanoTime());
                pendingMarks.add(mark);
                agentFramesSent += reply.chunkMs() / 20;
            }
            ctx.flush();
        }

        private void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String type, String body) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
            // it closes every connection after answering: say so, or a client may reuse a closed connection
            r.headers().set(HttpHeaderNames.CONNECTION, "close");
            HttpUtil.setContentLength(r, r.content().readableBytes());
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
