package io.moked.llm.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import io.moked.engine.Cancellation;
import io.moked.engine.EngineException;
import io.moked.engine.ModelFiles;
import io.moked.llm.ChatRequest;
import io.moked.llm.LlmEngine;
import io.moked.llm.ToolCall;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Local chat model through jllama (llama.cpp). One model per appliance, loaded at warm-up; llama.cpp runs its own
 * decode loop with {@code slots} parallel sequences, so concurrent calls share the weights.
 * <ul>
 * <li>Prompt: the chat template is applied with {@code applyTemplate} and generation starts from the result.</li>
 * <li>Streaming: every token's text goes to the listener as it is produced; stop strings (request + config) end the
 * reply and are not emitted.</li>
 * <li>Cancellation (barge-in) is checked between tokens; the native task is cancelled and the partial reply returned
 * with {@code cancelled = true}.</li>
 * <li>KV/prompt cache: {@code cache_prompt} is on and each session key is pinned to a slot ({@link SessionSlots}),
 * so turn N+1 of a call only evaluates the tokens added since turn N.</li>
 * <li>Tools: grammar-constrained JSON (see {@link ToolGrammar}); a reply starting with {@code {} is buffered, parsed
 * and reported as one {@link ToolCall} instead of text.</li>
 * </ul>
 */
@Singleton
public class LlamaLlmEngine implements LlmEngine {
    public static final String NAME = "llama";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlamaConfig config;
    private final ModelFiles models;
    private volatile LlamaModel model;
    private volatile SessionSlots slots;
    private final java.util.concurrent.atomic.AtomicLong callIds = new java.util.concurrent.atomic.AtomicLong();

    public LlamaLlmEngine(LlamaConfig config, ModelFiles models) {
        this.config = config;
        this.models = models;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Loads the model once (thread-safe); later calls return at once. */
    public LlamaModel load() throws EngineException {
        LlamaModel m = model;
        if (m != null) {
            return m;
        }
        synchronized (this) {
            if (model == null) {
                Path file = models.require(NAME, "llama model (moked.engines.llm.llama.model)", config.model());
                LlamaNativeLog.install();
                ModelParameters params = new ModelParameters()
                        .setModel(file.toString())
                        .setCtxSize(config.contextSize())
                        .setParallel(Math.max(1, config.slots()))
                        .setThreads(config.effectiveThreads())
                        .setThreadsBatch(config.effectiveThreads())
                        .setGpuLayers(config.gpuLayers());
                if (!config.nativeLog()) {
                    params.disableLog(); // llama.cpp's server log goes straight to stdout, several lines per turn
                }
                try {
                    model = new LlamaModel(params);
                } catch (RuntimeException | UnsatisfiedLinkError e) {
                    throw new EngineException(NAME, "cannot load " + file + ": " + e.getMessage(), e);
                }
                slots = new SessionSlots(Math.max(1, config.slots()));
            }
            return model;
        }
    }

    @Override
    public void warmUp() throws EngineException {
        LlamaModel m = load();
        InferenceParameters p = new InferenceParameters(m.applyTemplate(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).setNPredict(1).setCachePrompt(false);
        try {
            m.complete(p);
        } catch (RuntimeException e) {
            throw new EngineException(NAME, "warm-up inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Completion chat(ChatRequest request, Listener listener, Cancellation cancel) throws EngineException {
        LlamaModel m = load();
        if (cancel.isCancelled()) {
            return new Completion("", List.of(), 0, true);
        }
        String prompt;
        try {
            prompt = m.applyTemplate(LlamaPrompt.messagesJson(request, config.toolPrompt()));
        } catch (RuntimeException e) {
            throw new EngineException(NAME, "chat template failed: " + e.getMessage(), e);
        }
        InferenceParameters params = new InferenceParameters(prompt)
                .setNPredict(request.maxTokens())
                .setTemperature((float) request.temperature())
                .setCachePrompt(true);
        List<String> stop = new ArrayList<>(config.stop());
        stop.addAll(request.stop());
        if (!stop.isEmpty()) {
            params.setStopStrings(stop.toArray(String[]::new));
        }
        String grammar = ToolGrammar.forRequest(request);
        if (grammar != null) {
            params.setGrammar(grammar);
        }
        int slot = slots.acquire(request.sessionKey());
        try {
            if (slot != SessionSlots.ANY_SLOT) {
                LlamaSlotParameter.pin(params, slot);
            }
            return generate(m, params, request, grammar != null, listener, cancel);
        } finally {
            slots.release(slot);
        }
    }

    private Completion generate(LlamaModel m, InferenceParameters params, ChatRequest request, boolean toolsOffered,
                                Listener listener, Cancellation cancel) throws EngineException {
        StringBuilder text = new StringBuilder();
        StringBuilder pending = new StringBuilder(); // leading whitespace until we know text vs tool call
        Mode mode = toolsOffered ? Mode.UNDECIDED : Mode.TEXT;
        if (request.toolChoice() == ChatRequest.ToolChoice.REQUIRED) {
            mode = Mode.TOOL;
        }
        int tokens = 0;
        LlamaIterator it;
        try {
            it = m.generate(params).iterator();
        } catch (RuntimeException e) {
            throw new EngineException(NAME, "generation request failed: " + e.getMessage(), e);
        }
        try {
            while (it.hasNext()) {
                if (cancel.isCancelled()) {
                    it.cancel();
                    return new Completion(text.toString(), List.of(), tokens, true);
                }
                LlamaOutput out = it.next();
                String piece = out.text;
                if (piece.isEmpty()) {
                    continue;
                }
                tokens++;
                text.append(piece);
                if (mode == Mode.UNDECIDED) {
                    pending.append(piece);
                    String lead = pending.toString().stripLeading();
                    if (lead.isEmpty()) {
                        continue;
                    }
                    mode = lead.charAt(0) == '{' ? Mode.TOOL : Mode.TEXT;
                    if (mode == Mode.TEXT) {
                        listener.onText(pending.toString());
                    }
                    continue;
                }
                if (mode == Mode.TEXT) {
                    listener.onText(piece);
                }
            }
        } catch (RuntimeException e) {
            throw new EngineException(NAME, "generation failed: " + e.getMessage(), e);
        }
        if (mode == Mode.UNDECIDED && pending.length() > 0) {
            listener.onText(pending.toString());
        }
        if (mode != Mode.TOOL) {
            return new Completion(text.toString(), List.of(), tokens, false);
        }
        ToolCall call = parseCall(text.toString());
        listener.onToolCall(call);
        return new Completion("", List.of(call), tokens, false);
    }

    private ToolCall parseCall(String json) throws EngineException {
        try {
            JsonNode node = JSON.readTree(json);
            JsonNode tool = node == null ? null : node.get("tool");
            JsonNode args = node == null ? null : node.get("arguments");
            if (tool == null || !tool.isTextual() || args == null || !args.isObject()) {
                throw new EngineException(NAME, "tool call without tool/arguments: " + json);
            }
            return new ToolCall("call_" + callIds.incrementAndGet(), tool.asText(), args.toString());
        } catch (IOException e) {
            // only possible when max tokens cut the JSON short: nothing was streamed, so the router may fall back
            throw new EngineException(NAME, "incomplete tool call (raise maxTokens?): " + json, e);
        }
    }

    /** Drops the session's slot pin when its call ended, so the slot goes to the next new call first. */
    @Override
    public void endSession(String sessionKey) {
        SessionSlots s = slots;
        if (s != null && sessionKey != null) {
            s.forget(sessionKey);
        }
    }

    int slotOf(String sessionKey) {
        SessionSlots s = slots;
        return s == null ? SessionSlots.ANY_SLOT : s.slotOf(sessionKey);
    }

    @PreDestroy
    public synchronized void close() {
        if (model != null) {
            model.close();
            model = null;
        }
    }

    private enum Mode { UNDECIDED, TEXT, TOOL }
}
