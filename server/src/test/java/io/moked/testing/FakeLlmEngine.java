package io.moked.testing;

import io.moked.engine.Cancellation;
import io.moked.llm.ChatRequest;
import io.moked.llm.LlmEngine;
import io.moked.llm.ToolCall;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test LLM: streams a scripted reply word by word with a pause between words, honours cancellation, and can end
 * with a tool call. Records the requests it got.
 */
public final class FakeLlmEngine implements LlmEngine {
    public final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    public final AtomicInteger cancelled = new AtomicInteger();
    /** Session keys the engine was told have ended. */
    public final List<String> endedSessions = new CopyOnWriteArrayList<>();
    private final List<String> replies;
    private final long pauseMs;
    private volatile ToolCall toolCallOnLastReply;

    public FakeLlmEngine(List<String> replies, long pauseBetweenWordsMs) {
        this.replies = replies;
        this.pauseMs = pauseBetweenWordsMs;
    }

    public FakeLlmEngine toolCallAtEnd(ToolCall call) {
        this.toolCallOnLastReply = call;
        return this;
    }

    @Override
    public String name() {
        return "fake-llm";
    }

    @Override
    public Completion chat(ChatRequest request, Listener listener, Cancellation cancel) {
        int index = requests.size();
        requests.add(request);
        String reply = replies.get(Math.min(index, replies.size() - 1));
        StringBuilder sent = new StringBuilder();
        String[] words = reply.split("(?<= )");
        for (String word : words) {
            if (cancel.isCancelled()) {
                cancelled.incrementAndGet();
                return new Completion(sent.toString(), List.of(), sent.length(), true);
            }
            listener.onText(word);
            sent.append(word);
            sleep(pauseMs);
        }
        ToolCall call = toolCallOnLastReply;
        if (call != null && index >= replies.size() - 1) {
            listener.onToolCall(call);
            return new Completion(sent.toString(), List.of(call), words.length, false);
        }
        return new Completion(sent.toString(), List.of(), words.length, false);
    }

    @Override
    public void endSession(String sessionKey) {
        endedSessions.add(sessionKey);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
