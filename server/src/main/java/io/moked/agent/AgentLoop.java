package io.moked.agent;

import io.moked.agent.tools.CallDecision;
import io.moked.agent.tools.ToolContext;
import io.moked.agent.tools.ToolRegistry;
import io.moked.agent.tools.ToolResult;
import io.moked.engine.Cancellation;
import io.moked.llm.ChatMessage;
import io.moked.llm.ChatRequest;
import io.moked.llm.LlmEngine;
import io.moked.llm.ToolCall;
import io.moked.llm.ToolSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The one place where what a caller said becomes the assistant's answer, for the phone pipeline and the chat channel
 * alike: sends the conversation (system prompt + turns) with the tools' JSON schemas to the language model, streams
 * its speakable text to a {@link Listener}, runs the tool calls through the {@link ToolRegistry} on a bounded tool
 * executor (never on the Netty loop or the model's stream thread), appends their results to the conversation as
 * {@code tool} messages and asks the model again, up to {@link Settings#maxToolRounds()} model calls per answer
 * (the last one without tools, so it has to speak). A transfer or end-call decision ends the loop and is returned
 * in the {@link Outcome}: the caller of this class carries it out (the phone path: Twilio redirect or hang-up).
 * <p>
 * One instance per call or chat, not thread-safe for overlapping answers: the caller starts the next answer after
 * the previous one completed or was cancelled (the pipeline's {@code AsyncLane} does that).
 */
public final class AgentLoop {
    /** Asynchronous streaming chat; in the appliance {@code LlmRouter::chat}. */
    @FunctionalInterface
    public interface Model {
        CompletableFuture<LlmEngine.Completion> chat(ChatRequest request, LlmEngine.Listener listener,
                                                     Cancellation cancel);
    }

    /** What an answer produces as it happens. Text comes on the model's thread, tool events on the tool thread. */
    public interface Listener {
        /** Speakable text, in order. */
        void onText(String delta);

        /** The model called a tool (before it runs). */
        default void onToolCall(ToolCall call) {
        }

        /** A tool ran; {@code result.json()} is what the model sees next (an error is {@code {"error":...}}). */
        default void onToolResult(ToolCall call, ToolResult result) {
        }
    }

    /**
     * @param maxToolRounds model calls per answer (1 = no tool result is ever answered)
     * @param sessionKey    the call SID or chat id (a local model reuses its cache across turns); may be null
     */
    public record Settings(double temperature, int maxTokens, int maxToolRounds, String sessionKey) {
        public Settings {
            if (maxToolRounds < 1) {
                throw new IllegalArgumentException("maxToolRounds must be at least 1");
            }
        }
    }

    /**
     * How an answer ended.
     *
     * @param text      everything the model said in this answer (all rounds)
     * @param decision  a transfer or end-call to carry out, or null (a call-back is only a tool result: the model
     *                  tells the caller when to expect it and the conversation goes on)
     * @param cancelled the answer was cancelled (barge-in, call over) before it finished
     * @param rounds    model calls made
     */
    public record Outcome(String text, CallDecision decision, boolean cancelled, int rounds) {
    }

    private final Model model;
    private final ToolRegistry tools;
    private final ToolContext toolContext;
    private final Executor toolExecutor;
    private final Conversation conversation;
    private final Settings settings;
    private final List<ToolSpec> specs;
    private long nextChatReplyId = 1_000_000_000L;

    /**
     * @param toolExecutor bounded executor the tools run on (they touch the database)
     * @param conversation the history; shared with the caller, which adds user messages and trims interrupted text
     */
    public AgentLoop(Model model, ToolRegistry tools, ToolContext toolContext, Executor toolExecutor,
                     Conversation conversation, Settings settings) {
        this.model = model;
        this.tools = tools;
        this.toolContext = toolContext;
        this.toolExecutor = toolExecutor;
        this.conversation = conversation;
        this.settings = settings;
        this.specs = tools.specs(toolContext.tenant());
    }

    public Conversation conversation() {
        return conversation;
    }

    public ToolContext toolContext() {
        return toolContext;
    }

    /** Text in, answer out (the chat channel): adds the caller's message and answers it. */
    public CompletableFuture<Outcome> respond(String callerText, Listener listener, Cancellation cancel) {
        conversation.addUser(callerText);
        long replyId;
        synchronized (this) {
            replyId = nextChatReplyId++;
        }
        conversation.beginReply(replyId);
        return answer(replyId, listener, cancel);
    }

    /**
     * Answers the conversation as it stands. The caller has already reserved the reply's assistant message with
     * {@link Conversation#beginReply(long)} (so a newer caller message never lands before it).
     */
    public CompletableFuture<Outcome> answer(long replyId, Listener listener, Cancellation cancel) {
        return round(replyId, 0, new StringBuilder(), listener, cancel, null);
    }

    /**
     * Runs one tool the call path decided on without the model (an escalation phrase, the transfer key) on the tool
     * executor, and puts it in the conversation as if the assistant had called it, so the model knows later.
     */
    public CompletableFuture<ToolResult> invoke(long replyId, ToolCall call, Listener listener) {
        conversation.beginReply(replyId);
        conversation.completeReply(replyId, "", List.of(call));
        return CompletableFuture.supplyAsync(() -> {
            listener.onToolCall(call);
            ToolResult result = tools.execute(toolContext, call);
            conversation.addToolResult(replyId, call.id(), result.json());
            listener.onToolResult(call, result);
            return result;
        }, toolExecutor);
    }

    /**
     * A first model round started speculatively (the caller paused; their turn may not be over): the model answers
     * a copy of the conversation with {@code callerText} added, and its text is held, not passed on. The real
     * conversation is not touched. Either {@link #answerFrom} adopts it once the turn is confirmed, or it is
     * {@linkplain Draft#cancel() cancelled}. It runs no tool: a round asking for tools just ends with its calls.
     *
     * @param onFirstText runs once when the draft's first text arrives (on the model's thread; may be null)
     */
    public Draft draft(String callerText, Runnable onFirstText) {
        return new Draft(callerText, onFirstText);
    }

    /**
     * Answers the conversation as it stands, whose newest user message is the one {@code draft} was started on
     * (the caller reserved the reply's slot with {@link Conversation#beginReply(long)}): the draft's held text goes
     * to {@code listener} at once, its rest as it streams, and its outcome is handled as a first round's would be
     * — tool calls it asked for run now, and further rounds follow. Cancelling {@code cancel} cancels the draft.
     */
    public CompletableFuture<Outcome> answerFrom(long replyId, Draft draft, Listener listener, Cancellation cancel) {
        cancel.onCancel(draft::cancel);
        draft.stream.release(listener);
        return round(replyId, 0, new StringBuilder(), listener, cancel, draft);
    }

    /** A speculative first round; see {@link #draft}. */
    public final class Draft {
        private final String callerText;
        private final Cancellation cancel = new Cancellation();
        private final RoundStream stream;
        private final CompletableFuture<LlmEngine.Completion> completion = new CompletableFuture<>();
        private volatile long basedOn = -1;

        private Draft(String callerText, Runnable onFirstText) {
            this.callerText = callerText;
            this.stream = new RoundStream(cancel, null, onFirstText);
        }

        /**
         * Sends the request, on a copy of the conversation as it is now; completes when the model's round does.
         * Start it when no other answer of this loop runs (the pipeline's lane), like {@link #answer}.
         */
        public CompletableFuture<LlmEngine.Completion> start() {
            if (cancel.isCancelled()) {
                completion.complete(new LlmEngine.Completion("", List.of(), 0, true));
                return completion;
            }
            Conversation copy;
            synchronized (conversation) {
                basedOn = conversation.version();
                copy = conversation.copy();
            }
            copy.addUser(callerText);
            try {
                model.chat(request(copy.messages(), ChatRequest.ToolChoice.AUTO), stream, cancel)
                        .whenComplete((done, error) -> {
                            if (error != null) {
                                completion.completeExceptionally(error);
                            } else {
                                completion.complete(done);
                            }
                        });
            } catch (RuntimeException e) {
                completion.completeExceptionally(e); // an adopted draft must fail like an answer, never hang
            }
            return completion;
        }

        /**
         * The version of the conversation the draft was started on, or -1 before it started. It answers the
         * real conversation only if that is still this version when the caller's turn is added.
         */
        public long basedOn() {
            return basedOn;
        }

        /** The caller's words it answers. */
        public String callerText() {
            return callerText;
        }

        public void cancel() {
            cancel.cancel();
        }

        public boolean isCancelled() {
            return cancel.isCancelled();
        }

        /** The model call failed (an adopted draft would only bring the failure). */
        public boolean failed() {
            return completion.isCompletedExceptionally();
        }
    }

    private ChatRequest request(List<ChatMessage> messages, ChatRequest.ToolChoice choice) {
        return new ChatRequest(messages, specs, settings.temperature(), settings.maxTokens(), List.of(),
                settings.sessionKey(), choice);
    }

    private CompletableFuture<Outcome> round(long replyId, int round, StringBuilder said, Listener listener,
                                             Cancellation cancel, Draft draft) {
        if (cancel.isCancelled()) {
            return CompletableFuture.completedFuture(new Outcome(said.toString(), null, true, round));
        }
        if (round > 0) {
            conversation.continueReply(replyId);
        }
        boolean last = round + 1 >= settings.maxToolRounds();
        RoundStream stream;
        CompletableFuture<LlmEngine.Completion> call;
        if (draft != null) {
            stream = draft.stream;
            call = draft.completion;
        } else {
            stream = new RoundStream(cancel, listener, null);
            call = model.chat(request(conversation.messages(),
                    last && round > 0 ? ChatRequest.ToolChoice.NONE : ChatRequest.ToolChoice.AUTO), stream, cancel);
        }
        return call.thenCompose(completion -> {
            String text = completion.text() == null ? "" : completion.text();
            if (stream.isEmpty() && !text.isEmpty() && !completion.cancelled() && !cancel.isCancelled()) {
                stream.onText(text); // an engine that answered without streaming
            }
            String roundText = stream.text();
            said.append(roundText);
            List<ToolCall> calls = withIds(completion.toolCalls(), replyId, round);
            conversation.completeReply(replyId, roundText, calls);
            if (completion.cancelled() || cancel.isCancelled()) {
                return CompletableFuture.completedFuture(new Outcome(said.toString(), null, true, round + 1));
            }
            if (calls.isEmpty()) {
                return CompletableFuture.completedFuture(new Outcome(said.toString(), null, false, round + 1));
            }
            return CompletableFuture.supplyAsync(() -> runTools(replyId, calls, listener), toolExecutor)
                    .thenCompose(decision -> {
                        if (decision != null) {
                            return CompletableFuture.completedFuture(
                                    new Outcome(said.toString(), decision, cancel.isCancelled(), round + 1));
                        }
                        if (last) {
                            // the model called tools in its last round: nothing more may be asked this answer
                            return CompletableFuture.completedFuture(
                                    new Outcome(said.toString(), null, cancel.isCancelled(), round + 1));
                        }
                        return round(replyId, round + 1, said, listener, cancel, null);
                    });
        });
    }

    /** Runs the calls in order on the tool thread; returns the transfer or end-call decided, if any. */
    private CallDecision runTools(long replyId, List<ToolCall> calls, Listener listener) {
        CallDecision decision = null;
        for (ToolCall call : calls) {
            listener.onToolCall(call);
            ToolResult result = tools.execute(toolContext, call);
            conversation.addToolResult(replyId, call.id(), result.json());
            listener.onToolResult(call, result);
            CallDecision d = result.decision();
            boolean ends = d instanceof CallDecision.Transfer || d instanceof CallDecision.EndCall;
            if (ends && (decision == null || d instanceof CallDecision.Transfer)) {
                decision = d; // a transfer wins over a plain hang-up
            }
        }
        return decision;
    }

    /** Tool results are matched to their call by id; an engine that gave none gets a stable one. */
    private static List<ToolCall> withIds(List<ToolCall> calls, long replyId, int round) {
        if (calls == null || calls.isEmpty()) {
            return List.of();
        }
        List<ToolCall> out = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            ToolCall c = calls.get(i);
            String id = c.id() == null || c.id().isBlank() ? "call_" + replyId + "_" + round + "_" + i : c.id();
            out.add(new ToolCall(id, c.name(), c.argumentsJson()));
        }
        return out;
    }
}
