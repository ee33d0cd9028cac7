package io.moked.llm;

import io.moked.engine.Cancellation;
import io.moked.engine.EngineException;

/**
 * A chat language model that streams text and tool calls. Blocking: the caller runs it on the bounded LLM executor.
 * It must return promptly (without error) once {@code cancel} is set, e.g. on barge-in.
 */
public interface LlmEngine {
    String name();

    Completion chat(ChatRequest request, Listener listener, Cancellation cancel) throws EngineException;

    default void warmUp() throws EngineException {
    }

    /** The conversation {@code sessionKey} (e.g. the call SID) has ended: drop any per-session cache it holds. */
    default void endSession(String sessionKey) {
    }

    /** Receives the stream as it is generated. Called on the engine's thread. */
    interface Listener {
        void onText(String delta);

        default void onToolCall(ToolCall call) {
        }
    }

    /** What was generated in total; {@code cancelled} when generation stopped because of the cancellation. */
    record Completion(String text, java.util.List<ToolCall> toolCalls, int tokens, boolean cancelled) {
    }
}
