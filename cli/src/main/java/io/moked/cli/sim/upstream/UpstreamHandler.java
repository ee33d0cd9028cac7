package io.moked.cli.sim.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Routes the OpenAI-compatible endpoints. Runs on a Netty event loop: it only parses and schedules, never sleeps.
 * Paths are accepted with or without the {@code /v1} prefix, as base URLs are configured either way.
 */
final class UpstreamHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final SimSettings settings;
    private final SimCounters counters;
    private final ChatEndpoint chat;
    private final AudioEndpoints audio;

    UpstreamHandler(SimSettings settings, SimCounters counters, ChatEndpoint chat, AudioEndpoints audio) {
        this.settings = settings;
        this.counters = counters;
        this.chat = chat;
        this.audio = audio;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        long arrival = System.nanoTime();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            HttpReplies.error(ctx, false, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.startsWith("/v1/")) {
            path = path.substring(3);
        }
        HttpMethod method = request.method();
        try {
            if (method.equals(HttpMethod.POST) && path.equals("/chat/completions")) {
                chat.handle(ctx, keepAlive, jsonBody(request), arrival);
            } else if (method.equals(HttpMethod.POST) && path.equals("/audio/transcriptions")) {
                audio.transcribe(ctx, keepAlive, request, arrival);
            } else if (method.equals(HttpMethod.POST) && path.equals("/audio/speech")) {
                audio.speech(ctx, keepAlive, jsonBody(request), arrival);
            } else if (method.equals(HttpMethod.GET) && path.equals("/models")) {
                HttpReplies.json(ctx, keepAlive, HttpResponseStatus.OK, models());
            } else {
                HttpReplies.error(ctx, keepAlive, HttpResponseStatus.NOT_FOUND,
                        "no route " + method + " " + path + " (the simulator serves /v1/chat/completions,"
                                + " /v1/audio/transcriptions, /v1/audio/speech, /v1/models)");
            }
        } catch (BadRequestException e) {
            counters.badRequests.incrementAndGet();
            HttpReplies.error(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private static JsonNode jsonBody(FullHttpRequest request) {
        try {
            JsonNode node = HttpReplies.JSON.readTree(request.content().toString(StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new BadRequestException("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private ObjectNode models() {
        ObjectNode body = HttpReplies.JSON.createObjectNode();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        Set<String> ids = new LinkedHashSet<>();
        ids.add(UpstreamSimulator.MODEL_ID);
        ids.addAll(settings.script().models());
        for (String id : ids) {
            data.addObject().put("id", id).put("object", "model").put("created", 0)
                    .put("owned_by", UpstreamSimulator.MODEL_ID);
        }
        return body;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a client that resets its connection mid-stream is normal (barge-in cancels); just drop the channel
        ctx.close();
    }
}
