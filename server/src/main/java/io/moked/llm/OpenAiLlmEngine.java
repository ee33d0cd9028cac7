package io.moked.llm;

import io.moked.engine.RemoteEngine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import io.moked.engine.Cancellation;
import io.moked.engine.EngineException;
import io.moked.engine.openai.OpenAiClients;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Streaming chat completions with tools through an OpenAI-compatible {@code /chat/completions} endpoint. Text
 * deltas go to the listener as they arrive; tool-call deltas (id and name in the first fragment, the arguments JSON
 * spread over many) are accumulated per index and emitted whole when the stream ends.
 */
@Singleton
public class OpenAiLlmEngine implements LlmEngine, RemoteEngine {
    public static final String NAME = "openai";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiClients clients;

    public OpenAiLlmEngine(OpenAiClients clients) {
        this.clients = clients;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Completion chat(ChatRequest request, Listener listener, Cancellation cancel) throws EngineException {
        ChatCompletionCreateParams params = params(request);
        StringBuilder text = new StringBuilder();
        Map<Long, PartialCall> calls = new TreeMap<>();
        int tokens = 0;
        if (cancel.isCancelled()) {
            return new Completion("", List.of(), 0, true);
        }
        try (StreamResponse<ChatCompletionChunk> stream = clients.client(NAME).chat().completions()
                .createStreaming(params)) {
            // closing the stream unblocks a read that waits for the next chunk when the caller barges in
            cancel.onCancel(stream::close);
            Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
            while (!cancel.isCancelled() && chunks.hasNext()) {
                ChatCompletionChunk chunk = chunks.next();
                if (chunk.usage().isPresent()) {
                    tokens = (int) chunk.usage().get().completionTokens();
                }
                for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                    ChatCompletionChunk.Choice.Delta delta = choice.delta();
                    delta.content().filter(s -> !s.isEmpty()).ifPresent(s -> {
                        text.append(s);
                        listener.onText(s);
                    });
                    for (ChatCompletionChunk.Choice.Delta.ToolCall fragment : delta.toolCalls().orElse(List.of())) {
                        PartialCall call = calls.computeIfAbsent(fragment.index(), i -> new PartialCall());
                        fragment.id().ifPresent(id -> call.id = id);
                        fragment.function().ifPresent(f -> {
                            f.name().ifPresent(n -> call.name = n);
                            f.arguments().ifPresent(call.arguments::append);
                        });
                    }
                }
            }
        } catch (RuntimeException e) {
            if (cancel.isCancelled()) {
                return new Completion(text.toString(), List.of(), tokens, true);
            }
            throw new EngineException(NAME, "chat request to " + clients.config().baseUrl() + " failed: "
                    + e.getMessage(), e);
        }
        if (cancel.isCancelled()) {
            return new Completion(text.toString(), List.of(), tokens, true);
        }
        List<ToolCall> toolCalls = new ArrayList<>();
        for (PartialCall call : calls.values()) {
            ToolCall done = call.finish();
            toolCalls.add(done);
            listener.onToolCall(done);
        }
        return new Completion(text.toString(), toolCalls, tokens, false);
    }

    @Override
    public void warmUp() throws EngineException {
        clients.verify(NAME);
    }

    ChatCompletionCreateParams params(ChatRequest request) throws EngineException {
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder()
                .model(clients.config().chatModel())
                .temperature(request.temperature())
                .maxCompletionTokens(request.maxTokens())
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
        if (!request.stop().isEmpty()) {
            b.stop(ChatCompletionCreateParams.Stop.ofStrings(request.stop()));
        }
        for (ChatMessage m : request.messages()) {
            switch (m.role()) {
                case SYSTEM -> b.addSystemMessage(m.content());
                case USER -> b.addUserMessage(m.content());
                case ASSISTANT -> b.addMessage(assistant(m));
                case TOOL -> b.addMessage(ChatCompletionToolMessageParam.builder()
                        .toolCallId(m.toolCallId()).content(m.content()).build());
                default -> throw new IllegalStateException("unknown role " + m.role());
            }
        }
        if (!request.tools().isEmpty() && request.toolChoice() != ChatRequest.ToolChoice.NONE) {
            for (ToolSpec tool : request.tools()) {
                b.addFunctionTool(FunctionDefinition.builder()
                        .name(tool.name())
                        .description(tool.description())
                        .parameters(FunctionParameters.builder().putAllAdditionalProperties(schema(tool)).build())
                        .build());
            }
            b.toolChoice(ChatCompletionToolChoiceOption.ofAuto(request.toolChoice() == ChatRequest.ToolChoice.REQUIRED
                    ? ChatCompletionToolChoiceOption.Auto.REQUIRED : ChatCompletionToolChoiceOption.Auto.AUTO));
        }
        return b.build();
    }

    private static ChatCompletionAssistantMessageParam assistant(ChatMessage m) {
        ChatCompletionAssistantMessageParam.Builder a = ChatCompletionAssistantMessageParam.builder();
        if (m.content() != null && !m.content().isEmpty()) {
            a.content(m.content());
        }
        for (ToolCall call : m.toolCalls()) {
            a.addToolCall(ChatCompletionMessageFunctionToolCall.builder()
                    .id(call.id())
                    .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                            .name(call.name()).arguments(call.argumentsJson()).build())
                    .build());
        }
        return a.build();
    }

    private static Map<String, JsonValue> schema(ToolSpec tool) throws EngineException {
        try {
            JsonNode node = JSON.readTree(tool.parametersJsonSchema());
            if (!node.isObject()) {
                throw new EngineException(NAME, "tool " + tool.name() + ": parameters schema is not a JSON object");
            }
            Map<String, JsonValue> out = new java.util.LinkedHashMap<>();
            node.fields().forEachRemaining(e -> out.put(e.getKey(), JsonValue.fromJsonNode(e.getValue())));
            return out;
        } catch (IOException e) {
            throw new EngineException(NAME, "tool " + tool.name() + ": invalid parameters schema: " + e.getMessage(), e);
        }
    }

    private static final class PartialCall {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();

        /**
         * Arguments that are not a JSON object are passed on as they came: the tool registry answers them with an
         * error the model sees, and the conversation goes on (a malformed call must not fail the whole reply).
         */
        ToolCall finish() throws EngineException {
            if (name == null) {
                throw new EngineException(NAME, "tool call without a function name");
            }
            String args = arguments.length() == 0 ? "{}" : arguments.toString();
            return new ToolCall(id == null ? "call_" + name : id, name, args);
        }
    }
}
