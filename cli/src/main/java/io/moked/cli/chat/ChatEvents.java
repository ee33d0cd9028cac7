package io.moked.cli.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moked.agent.AgentLoop;
import io.moked.agent.tools.CallDecision;
import io.moked.agent.tools.ToolResult;
import io.moked.cli.output.Direction;
import io.moked.cli.output.Json;
import io.moked.cli.output.Output;
import io.moked.cli.output.Text;
import io.moked.llm.ToolCall;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a chat as it happens: with {@code -o json} one JSON object per line and event
 * ({@code {"role":"assistant","text":…}}, {@code {"tool":…,"arguments":…,"result":…}}, {@code {"role":"user",…}}
 * for scripted lines, {@code {"ended":…}}); otherwise a transcript with labelled turns, Hebrew laid out right to
 * left where the terminal does not do bidi. The assistant's text is printed when its answer is complete (a
 * right-to-left paragraph can only be laid out whole); tool events are printed as they happen.
 */
final class ChatEvents implements AgentLoop.Listener {
    private static final ObjectWriter LINE = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
    private static final int LABEL_WIDTH = 11;

    private final Output out;
    private final Direction direction;
    private final boolean echoCaller;
    private final List<String> toolErrors = new ArrayList<>();

    /** @param echoCaller print the caller's lines too (scripted runs; a person typing sees their own line) */
    ChatEvents(Output out, Direction direction, boolean echoCaller) {
        this.out = out;
        this.direction = direction;
        this.echoCaller = echoCaller;
    }

    @Override
    public void onText(String delta) {
        // printed whole in assistant(): see the class comment
    }

    @Override
    public synchronized void onToolResult(ToolCall call, ToolResult result) {
        if (result.error()) {
            toolErrors.add(call.name());
        }
        if (out.isJson()) {
            ObjectNode event = Json.mapper().createObjectNode();
            event.put("tool", call.name());
            event.set("arguments", parse(call.argumentsJson()));
            event.set("result", parse(result.json()));
            print(event);
        } else {
            out.labelled("  tool", LABEL_WIDTH, Text.of(call.name() + " " + oneLine(call.argumentsJson()) + " → "
                    + oneLine(result.json()), Direction.LTR), null);
        }
    }

    synchronized void caller(String text) {
        if (!echoCaller) {
            return;
        }
        if (out.isJson()) {
            print(Json.mapper().createObjectNode().put("role", "user").put("text", text));
        } else {
            out.labelled("caller", LABEL_WIDTH, Text.of(text, direction), null);
        }
    }

    synchronized void assistant(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        if (out.isJson()) {
            print(Json.mapper().createObjectNode().put("role", "assistant").put("text", text.strip()));
        } else {
            out.labelled("assistant", LABEL_WIDTH, Text.of(text.strip(), direction), null);
        }
    }

    /** The model transferred or ended the conversation: what it says, then the end. */
    synchronized void ended(CallDecision decision) {
        String kind;
        String reason;
        String say;
        if (decision instanceof CallDecision.Transfer t) {
            kind = "transfer";
            reason = t.reason();
            say = t.say();
        } else if (decision instanceof CallDecision.EndCall e) {
            kind = "end_call";
            reason = e.reason();
            say = e.say();
        } else {
            return;
        }
        assistant(say);
        if (out.isJson()) {
            ObjectNode event = Json.mapper().createObjectNode().put("ended", kind);
            event.put("reason", reason);
            print(event);
        } else {
            out.line("-- the assistant ended the conversation: " + kind
                    + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"));
        }
    }

    List<String> toolErrors() {
        return List.copyOf(toolErrors);
    }

    private void print(JsonNode event) {
        try {
            out.rawLine(LINE.writeValueAsString(event));
            out.out().flush();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a chat event", e);
        }
    }

    /** Tool JSON as the model sent it; text that is not JSON stays a string (a malformed call is shown as is). */
    static JsonNode parse(String json) {
        try {
            JsonNode node = Json.mapper().readTree(json == null ? "" : json);
            return node == null || node.isMissingNode() ? Json.mapper().getNodeFactory().textNode("") : node;
        } catch (IOException e) {
            return Json.mapper().getNodeFactory().textNode(json);
        }
    }

    private static String oneLine(String json) {
        try {
            return LINE.writeValueAsString(parse(json));
        } catch (IOException e) {
            return String.valueOf(json);
        }
    }
}
