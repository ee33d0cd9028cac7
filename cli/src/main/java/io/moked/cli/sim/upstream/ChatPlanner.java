package io.moked.cli.sim.upstream;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a chat completions request into a {@link ChatPlan} by applying the script's rules. Thread-safe. */
final class ChatPlanner {
    private static final Pattern TOKEN = Pattern.compile("\\s*\\S+\\s*");
    /** Rough size of a prompt token, only used to fill the usage block. */
    private static final int CHARS_PER_TOKEN = 4;

    private final SimScript.Chat chat;
    private final List<Pattern> patterns = new ArrayList<>();
    /** Per rule, its system prompt pattern or null. */
    private final List<Pattern> systemPatterns = new ArrayList<>();
    /** per after_tool rule; null where the rule has no {@code match} */
    private final List<Pattern> afterToolPatterns = new ArrayList<>();
    private final AtomicLong toolCallIds = new AtomicLong();

    ChatPlanner(SimScript script) {
        this.chat = script.chat();
        for (SimScript.Rule rule : chat.rules()) {
            patterns.add(rule.pattern());
            systemPatterns.add(rule.systemPattern());
        }
        for (SimScript.AfterToolRule rule : chat.afterTool()) {
            afterToolPatterns.add(rule.pattern());
        }
    }

    ChatPlan plan(JsonNode request) {
        JsonNode messages = request.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw new BadRequestException("'messages' must be a non-empty array");
        }
        JsonNode last = messages.get(messages.size() - 1);
        Set<String> offeredTools = toolNames(request.path("tools"));
        String text = null;
        List<SimScript.ToolCallSpec> calls = List.of();
        if ("tool".equals(last.path("role").asText())) {
            List<ToolResult> results = trailingToolResults(messages);
            for (int i = 0; i < chat.afterTool().size() && text == null; i++) {
                SimScript.AfterToolRule rule = chat.afterTool().get(i);
                Pattern p = afterToolPatterns.get(i);
                for (ToolResult r : results) {
                    boolean fits = (rule.tool() == null || rule.tool().equals(r.tool()))
                            && (p == null || p.matcher(r.content()).find());
                    if (fits) {
                        calls = offered(rule.toolCalls(), offeredTools);
                        text = rule.reply() == null ? "" : rule.reply();
                        break;
                    }
                }
            }
            if (text == null) {
                text = chat.afterToolReply();
            }
        } else {
            String userText = lastUserText(messages);
            String systemText = systemText(messages);
            for (int i = 0; i < patterns.size() && text == null; i++) {
                Pattern system = systemPatterns.get(i);
                if (patterns.get(i).matcher(userText).find()
                        && (system == null || system.matcher(systemText).find())) {
                    SimScript.Rule rule = chat.rules().get(i);
                    List<SimScript.ToolCallSpec> wanted = offered(rule.toolCalls(), offeredTools);
                    if (!wanted.isEmpty() || rule.reply() != null) {
                        calls = wanted;
                        text = rule.reply() == null ? "" : rule.reply();
                    }
                }
            }
            if (text == null) {
                text = chat.defaultReply();
            }
        }
        List<ChatPlan.PlannedToolCall> toolCalls = new ArrayList<>();
        for (SimScript.ToolCallSpec spec : calls) {
            toolCalls.add(new ChatPlan.PlannedToolCall("call_sim_" + toolCallIds.incrementAndGet(), spec.name(),
                    spec.argumentsJson()));
        }
        List<String> pieces = tokenize(text);
        String finish = toolCalls.isEmpty() ? "stop" : "tool_calls";
        int maxTokens = maxTokens(request);
        if (pieces.size() > maxTokens) {
            pieces = pieces.subList(0, maxTokens);
            toolCalls = List.of();
            finish = "length";
        }
        return new ChatPlan(List.copyOf(pieces), List.copyOf(toolCalls), finish, promptTokens(messages));
    }

    /** A rule's tool calls are emitted only when the request offers every one of them (as a real model would). */
    private static List<SimScript.ToolCallSpec> offered(List<SimScript.ToolCallSpec> calls, Set<String> offered) {
        for (SimScript.ToolCallSpec call : calls) {
            if (!offered.contains(call.name())) {
                return List.of();
            }
        }
        return calls;
    }

    /** The tool results at the end of the history, each with the name of the tool whose call it answers. */
    private static List<ToolResult> trailingToolResults(JsonNode messages) {
        int first = messages.size();
        while (first > 0 && "tool".equals(messages.get(first - 1).path("role").asText())) {
            first--;
        }
        Map<String, String> names = new HashMap<>();
        if (first > 0) {
            for (JsonNode call : messages.get(first - 1).path("tool_calls")) {
                names.put(call.path("id").asText(), call.path("function").path("name").asText());
            }
        }
        List<ToolResult> out = new ArrayList<>();
        for (int i = first; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            out.add(new ToolResult(names.get(m.path("tool_call_id").asText()), contentText(m.path("content"))));
        }
        return out;
    }

    private record ToolResult(String tool, String content) {
    }

    static List<String> tokenize(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            pieces.add(m.group());
        }
        return pieces;
    }

    private static int maxTokens(JsonNode request) {
        JsonNode max = request.hasNonNull("max_completion_tokens") ? request.get("max_completion_tokens")
                : request.path("max_tokens");
        if (max.isMissingNode() || max.isNull()) {
            return Integer.MAX_VALUE;
        }
        if (!max.canConvertToInt() || max.asInt() <= 0) {
            throw new BadRequestException("max_tokens must be a positive integer");
        }
        return max.asInt();
    }

    private static String lastUserText(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if ("user".equals(m.path("role").asText())) {
                return contentText(m.path("content"));
            }
        }
        return "";
    }

    private static String systemText(JsonNode messages) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode m : messages) {
            if ("system".equals(m.path("role").asText())) {
                sb.append(contentText(m.path("content"))).append('\n');
            }
        }
        return sb.toString();
    }

    /** Content is either a string or an array of parts ({"type":"text","text":...}). */
    static String contentText(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asText())) {
                    sb.append(part.path("text").asText());
                }
            }
        }
        return sb.toString();
    }

    private static Set<String> toolNames(JsonNode tools) {
        Set<String> names = new HashSet<>();
        for (JsonNode tool : tools) {
            String name = tool.path("function").path("name").asText("");
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    private static int promptTokens(JsonNode messages) {
        int chars = 0;
        for (JsonNode m : messages) {
            chars += contentText(m.path("content")).length();
        }
        return Math.max(1, chars / CHARS_PER_TOKEN);
    }
}
