package io.moked.cli.sim.upstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.nio.charset.StandardCharsets;

/** Response helpers; every response carries the simulator's marker header. */
final class HttpReplies {
    static final ObjectMapper JSON = new ObjectMapper();

    private HttpReplies() {
    }

    static void json(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, Object body) {
        try {
            full(ctx, keepAlive, status, "application/json", JSON.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize simulator response", e);
        }
    }

    static void text(ChannelHandlerContext ctx, boolean keepAlive, String body) {
        full(ctx, keepAlive, HttpResponseStatus.OK, "text/plain; charset=utf-8",
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** OpenAI-style error body: {"error":{"message","type","code"}}. */
    static void error(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", "[" + UpstreamSimulator.MODEL_ID + "] " + message);
        error.put("type", status.code() == 404 ? "not_found_error" : "invalid_request_error");
        error.putNull("param");
        error.putNull("code");
        json(ctx, keepAlive, status, body);
    }

    static void full(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String contentType,
                     byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        mark(response, contentType, keepAlive);
        HttpUtil.setContentLength(response, body.length);
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Head of a response whose body follows in pieces; {@code contentLength} < 0 means chunked. */
    static HttpResponse head(String contentType, boolean keepAlive, long contentLength) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        mark(response, contentType, keepAlive);
        if (contentLength >= 0) {
            HttpUtil.setContentLength(response, contentLength);
        } else {
            HttpUtil.setTransferEncodingChunked(response, true);
        }
        return response;
    }

    static void end(ChannelHandlerContext ctx, boolean keepAlive) {
        var future = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static void mark(HttpResponse response, String contentType, boolean keepAlive) {
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().set(UpstreamSimulator.MARKER_HEADER, UpstreamSimulator.MARKER_VALUE);
        response.headers().set(HttpHeaderNames.SERVER, UpstreamSimulator.MODEL_ID);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
    }
}
