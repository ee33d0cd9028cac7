package io.moked.cli.sim.upstream;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A TEST INSTRUMENT: an OpenAI-compatible HTTP server with scripted answers and a configurable latency model, so
 * the appliance's own overhead and capacity can be measured without GPU or internet. The appliance only ever sees
 * a base URL; nothing in it knows this class.
 *
 * <p>Built on plain Netty (already on the classpath through the server) rather than the JDK HttpServer: streamed
 * answers are paced with event-loop timers, so 200 concurrent streams cost no thread each (the JDK server would
 * block one pool thread per open stream), and rather than a Micronaut context, which from this module would also
 * start the appliance's own beans.
 */
public final class UpstreamSimulator implements AutoCloseable {
    public static final String MODEL_ID = "moked-upstream-sim";
    public static final String MARKER_HEADER = "X-Moked-Upstream-Sim";
    public static final String MARKER_VALUE = "test-instrument";
    /** Uploaded audio can be large (a long caller turn as WAV); bigger bodies are refused by Netty with 413. */
    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    private static final int SHUTDOWN_QUIET_MS = 0;
    private static final int SHUTDOWN_TIMEOUT_MS = 2000;

    private final SimSettings settings;
    private final SimCounters counters;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    private UpstreamSimulator(SimSettings settings, SimCounters counters, EventLoopGroup boss,
                              EventLoopGroup workers, Channel channel) {
        this.settings = settings;
        this.counters = counters;
        this.boss = boss;
        this.workers = workers;
        this.channel = channel;
    }

    /** Binds and starts serving; {@code settings.port() == 0} picks a free port. */
    public static UpstreamSimulator start(SimSettings settings) throws InterruptedException {
        SimCounters counters = new SimCounters();
        ChatEndpoint chat = new ChatEndpoint(settings, counters);
        AudioEndpoints audio = new AudioEndpoints(settings, counters);
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY_BYTES),
                                    new UpstreamHandler(settings, counters, chat, audio));
                        }
                    })
                    .bind(settings.host(), settings.port()).sync().channel();
            return new UpstreamSimulator(settings, counters, boss, workers, channel);
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The base URL to configure as an OpenAI base URL, e.g. {@code http://127.0.0.1:4010/v1}. */
    public String baseUrl() {
        return "http://" + settings.host() + ":" + port() + "/v1";
    }

    public SimCounters counters() {
        return counters;
    }

    public SimSettings settings() {
        return settings;
    }

    /** One line saying what this is, printed at start by the command. */
    public String banner() {
        return "moked upstream simulator — TEST INSTRUMENT, not a model: scripted answers, synthetic tones. "
                + "Base URL " + baseUrl() + " (ttft " + settings.ttftMs() + " ms, " + settings.tokensPerS()
                + " tokens/s, stt " + settings.sttMs() + " ms, tts rtf " + settings.ttsRtf() + ")";
    }

    public void awaitClose() throws InterruptedException {
        channel.closeFuture().await();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        boss.shutdownGracefully(SHUTDOWN_QUIET_MS, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(SHUTDOWN_QUIET_MS, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly();
    }
}
