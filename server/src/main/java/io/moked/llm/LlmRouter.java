package io.moked.llm;

import io.moked.engine.Cancellation;
import io.moked.engine.EngineKind;
import io.moked.engine.EngineRouter;
import io.moked.engine.EngineRuntime;
import io.moked.engine.KindRouter;
import io.moked.engine.LlmRouteConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The language model for the call pipeline: configured engines in order ({@code moked.engines.llm.order}) with
 * first-token timeout, fallback and circuit breakers (see {@link EngineRouter}). Safe to call from any thread.
 * <p>
 * Streaming and fallback: text deltas and tool calls reach {@code listener} on the LLM executor thread as they are
 * generated. An engine that fails or times out before its first delta is replaced by the next one, invisibly to the
 * listener. Once a delta was delivered the answer is committed to that engine: a later failure completes the future
 * exceptionally, the listener has the partial text, and the pipeline decides (e.g. say the partial sentence, then
 * the tenant's apology phrase). Output of an abandoned attempt never reaches the listener.
 */
@Singleton
public class LlmRouter extends KindRouter<LlmEngine> {

    @Inject
    public LlmRouter(List<LlmEngine> engines, LlmRouteConfig config, EngineRuntime runtime) {
        this(runtime.router(EngineKind.LLM, engines, LlmEngine::name, config));
    }

    public LlmRouter(EngineRouter<LlmEngine> router) {
        super(router, LlmEngine::warmUp);
    }

    /** Call this when a call ends: engines release what they keep for the conversation (the llama KV slot pin). */
    public void endSession(String sessionKey) {
        for (String name : router.engineNames()) {
            router.engine(name).endSession(sessionKey);
        }
    }

    /**
     * @param cancel cancel on barge-in: the running engine stops between tokens and the future completes with the
     *               partial {@code Completion} marked {@code cancelled}
     */
    public CompletableFuture<LlmEngine.Completion> chat(ChatRequest request, LlmEngine.Listener listener,
                                                        Cancellation cancel) {
        return router.route((engine, attempt) -> engine.chat(request, new LlmEngine.Listener() {
            @Override
            public void onText(String delta) {
                attempt.deliver(() -> listener.onText(delta));
            }

            @Override
            public void onToolCall(ToolCall call) {
                attempt.deliver(() -> listener.onToolCall(call));
            }
        }, attempt.cancellation()), cancel);
    }
}
