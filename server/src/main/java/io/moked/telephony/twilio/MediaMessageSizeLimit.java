package io.moked.telephony.twilio;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.moked.call.CallMetrics;
import io.moked.call.MediaStreamConfig;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the size of a WebSocket message before it is assembled. Netty limits a single frame (64 KB), but Micronaut
 * joins a message's continuation frames without a limit, so a client could push megabytes into the heap as one
 * "media message". A Twilio media message is about 300 bytes: a message over
 * {@code moked.call.media-stream.max-message-bytes} closes the socket (1009, message too big) and is counted
 * ({@code moked_twilio_malformed_messages_total{kind="too_big"}}). Installed on every server connection right after
 * the HTTP codec, where the WebSocket frame decoder sits once a connection is upgraded; HTTP traffic passes
 * untouched.
 */
@Singleton
public class MediaMessageSizeLimit implements BeanCreatedEventListener<ChannelPipelineCustomizer> {
    private static final Logger LOG = LoggerFactory.getLogger(MediaMessageSizeLimit.class);
    private static final String HANDLER = "moked-websocket-message-limit";

    private final MediaStreamConfig config;
    private final Provider<CallMetrics> metrics;

    public MediaMessageSizeLimit(MediaStreamConfig config, Provider<CallMetrics> metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public ChannelPipelineCustomizer onCreated(BeanCreatedEvent<ChannelPipelineCustomizer> event) {
        ChannelPipelineCustomizer customizer = event.getBean();
        if (customizer.isServerChannel()) {
            customizer.doOnConnect(pipeline -> {
                if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                        && pipeline.get(HANDLER) == null) {
                    pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, HANDLER, new Limit());
                }
                return pipeline;
            });
        }
        return customizer;
    }

    /** Per connection: the size of the message being received so far. */
    private final class Limit extends ChannelInboundHandlerAdapter {
        private long messageBytes;
        private boolean closing;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof WebSocketFrame frame) || msg instanceof CloseWebSocketFrame) {
                ctx.fireChannelRead(msg);
                return;
            }
            if (closing) {
                ReferenceCountUtil.release(msg);
                return;
            }
            boolean dataFrame = frame.content() != null && (frame instanceof ContinuationWebSocketFrame
                    || frame instanceof io.netty.handler.codec.http.websocketx.TextWebSocketFrame
                    || frame instanceof io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame);
            if (!dataFrame) {
                ctx.fireChannelRead(msg); // ping, pong
                return;
            }
            messageBytes = (frame instanceof ContinuationWebSocketFrame ? messageBytes : 0)
                    + frame.content().readableBytes();
            if (messageBytes > config.maxMessageBytes()) {
                closing = true;
                ReferenceCountUtil.release(msg);
                metrics.get().malformed("too_big");
                LOG.warn("media stream closed: a message over {} bytes", config.maxMessageBytes());
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (frame.isFinalFragment()) {
                messageBytes = 0;
            }
            ctx.fireChannelRead(msg);
        }
    }
}
