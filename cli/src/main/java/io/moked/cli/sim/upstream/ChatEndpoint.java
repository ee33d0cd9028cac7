package io.moked.cli.sim.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /v1/chat/completions}: scripted text (and tool calls) with the configured time to first token and
 * token rate, as server-sent events ({@code data: {chunk}} ... {@code data: [DONE]}) or as one JSON response.
 */
final class ChatEndpoint {
    /** Tool-call arguments are streamed in fragments of this many characters, like real servers do. */
    private static final int ARGUMENT_FRAGMENT_CHARS = 12;

    private final SimSettings settings;
    private final ChatPlanner planner;
    private final SimCounters counters;
    private final AtomicLong completionIds = new AtomicLong();

    ChatEndpoint(SimSettings settings, SimCounters counters) {
        this.settings = settings;
        this.planner = new ChatPlanner(settings.script());
        this.counters = counters;
    }

    void handle(ChannelHandlerContext ctx, boolean keepAlive, JsonNode request, long arrivalNanos) {
        ChatPlan plan = planner.plan(request);
        counters.chat.incrementAndGet();
        counters.toolCalls.addAndGet(plan.toolCalls().size());
        String id = "chatcmpl-sim-" + completionIds.incrementAndGet();
        long created = System.currentTimeMillis() / 1000;
        if (request.path("stream").asBoolean(false)) {
            boolean usage = request.path("stream_options").path("include_usage").asBoolean(false);
            ctx.writeAndFlush(HttpReplies.head("text/event-stream", keepAlive, -1));
            new PacedWriter(ctx, events(plan, id, created, usage), keepAlive, counters).start(arrivalNanos);
        } else {
            long delayNanos = TimeUnit.MILLISECONDS.toNanos(settings.ttftMs())
                    + (long) plan.completionTokens() * settings.tokenIntervalNanos();
            ObjectNode body = completion(plan, id, created);
            ctx.executor().schedule(() -> HttpReplies.json(ctx, keepAlive, HttpResponseStatus.OK, body),
                    Math.max(0, delayNanos - (System.nanoTime() - arrivalNanos)), TimeUnit.NANOSECONDS);
        }
    }

    private List<PacedWriter.Timed> events(ChatPlan plan, String id, long created, boolean usage) {
        List<PacedWriter.Timed> out = new ArrayList<>();
        long first = TimeUnit.MILLISECONDS.toNanos(settings.ttftMs());
        long step = settings.tokenIntervalNanos();
        int n = 0;
        for (String piece : plan.pieces()) {
            ObjectNode delta = HttpReplies.JSON.createObjectNode();
            if (n == 0) {
                delta.put("role", "assistant");
            }
            delta.put("content", piece);
            out.add(sse(first + n++ * step, chunk(id, created, delta, null)));
        }
        int index = 0;
        for (ChatPlan.PlannedToolCall call : plan.toolCalls()) {
            ObjectNode delta = HttpReplies.JSON.createObjectNode();
            if (n == 0) {
                delta.put("role", "assistant");
            }
            ObjectNode tc = toolCallDelta(delta, index);
            tc.put("id", call.id()).put("type", "function");
            tc.putObject("function").put("name", call.name()).put("arguments", "");
            out.add(sse(first + n++ * step, chunk(id, created, delta, null)));
            String args = call.argumentsJson();
            for (int i = 0; i < args.length(); i += ARGUMENT_FRAGMENT_CHARS) {
                ObjectNode argDelta = HttpReplies.JSON.createObjectNode();
                toolCallDelta(argDelta, index).putObject("function")
                        .put("arguments", args.substring(i, Math.min(args.length(), i + ARGUMENT_FRAGMENT_CHARS)));
                out.add(sse(first + n++ * step, chunk(id, created, argDelta, null)));
            }
            index++;
        }
        long end = first + Math.max(0, n - 1) * step;
        out.add(sse(end, chunk(id, created, HttpReplies.JSON.createObjectNode(), plan.finishReason())));
        if (usage) {
            ObjectNode last = base(id, created, "chat.completion.chunk");
            last.putArray("choices");
            last.set("usage", usage(plan));
            out.add(sse(end, last));
        }
        out.add(new PacedWriter.Timed(end, "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    private static ObjectNode toolCallDelta(ObjectNode delta, int index) {
        ObjectNode tc = delta.putArray("tool_calls").addObject();
        tc.put("index", index);
        return tc;
    }

    private static ObjectNode chunk(String id, long created, ObjectNode delta, String finishReason) {
        ObjectNode chunk = base(id, created, "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private ObjectNode completion(ChatPlan plan, String id, long created) {
        ObjectNode body = base(id, created, "chat.completion");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        String text = plan.text();
        if (text.isEmpty() && !plan.toolCalls().isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        message.putNull("refusal");
        if (!plan.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ChatPlan.PlannedToolCall planned : plan.toolCalls()) {
                ObjectNode call = calls.addObject();
                call.put("id", planned.id()).put("type", "function");
                call.putObject("function").put("name", planned.name()).put("arguments", planned.argumentsJson());
            }
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", plan.finishReason());
        body.set("usage", usage(plan));
        return body;
    }

    private static ObjectNode base(String id, long created, String object) {
        ObjectNode node = HttpReplies.JSON.createObjectNode();
        node.put("id", id).put("object", object).put("created", created).put("model", UpstreamSimulator.MODEL_ID);
        node.put("system_fingerprint", UpstreamSimulator.MODEL_ID);
        return node;
    }

    private static ObjectNode usage(ChatPlan plan) {
        ObjectNode usage = HttpReplies.JSON.createObjectNode();
        usage.put("prompt_tokens", plan.promptTokens());
        usage.put("completion_tokens", plan.completionTokens());
        usage.put("total_tokens", plan.promptTokens() + plan.completionTokens());
        return usage;
    }

    private static PacedWriter.Timed sse(long offsetNanos, ObjectNode event) {
        try {
            return new PacedWriter.Timed(offsetNanos,
                    ("data: " + HttpReplies.JSON.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize chat chunk", e);
        }
    }
}
