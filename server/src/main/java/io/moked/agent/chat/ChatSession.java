package io.moked.agent.chat;

import io.micronaut.core.annotation.Nullable;
import io.moked.agent.AgentLoop;
import io.moked.agent.Conversation;
import io.moked.agent.tools.CallDecision;
import io.moked.crm.lead.Lead;
import io.moked.crm.prompt.RenderedPrompt;
import io.moked.crm.tenant.Tenant;
import io.moked.engine.Cancellation;
import io.moked.llm.LlmRouter;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * One text conversation with the assistant ({@link ChatAgent#open}). Not thread-safe: one caller message at a time,
 * as in a call. Its tools run on the appliance's bounded tool executor, as a call's do; close the session to free
 * the model's per-conversation cache.
 */
public final class ChatSession implements AutoCloseable {
    /** reply id of the greeting in the conversation (the loop numbers its replies far above it) */
    private static final long GREETING_REPLY = 0;

    private final Tenant tenant;
    private final Lead lead;
    private final RenderedPrompt prompt;
    private final Conversation conversation;
    private final AgentLoop loop;
    private final LlmRouter llm;
    private final String sessionKey;
    private CallDecision ended;

    ChatSession(Tenant tenant, @Nullable Lead lead, RenderedPrompt prompt, Conversation conversation,
                AgentLoop loop, LlmRouter llm, String sessionKey) {
        this.tenant = tenant;
        this.lead = lead;
        this.prompt = prompt;
        this.conversation = conversation;
        this.llm = llm;
        this.sessionKey = sessionKey;
        this.loop = loop;
        String greeting = prompt.greeting();
        if (greeting != null && !greeting.isBlank()) {
            conversation.beginReply(GREETING_REPLY);
            conversation.completeReply(GREETING_REPLY, greeting, List.of());
        }
    }

    public Tenant tenant() {
        return tenant;
    }

    /** The caller's lead, or null in an anonymous chat. */
    public @Nullable Lead lead() {
        return lead;
    }

    public RenderedPrompt prompt() {
        return prompt;
    }

    public Conversation conversation() {
        return conversation;
    }

    /** What the assistant says first (a chat is not recorded, so no recording disclosure); may be blank. */
    public String greeting() {
        return prompt.greeting() == null ? "" : prompt.greeting();
    }

    /** The transfer or end-call that ended the conversation, or null while it goes on. */
    public @Nullable CallDecision ended() {
        return ended;
    }

    /**
     * The caller says {@code text}; returns when the assistant's answer (with any tool rounds) is complete. Events
     * reach {@code listener} as they happen.
     *
     * @throws IllegalStateException when the conversation already ended
     * @throws ChatFailure           when the language model failed
     */
    public AgentLoop.Outcome send(String text, AgentLoop.Listener listener) throws InterruptedException {
        if (ended != null) {
            throw new IllegalStateException("the conversation has ended");
        }
        Cancellation cancel = new Cancellation();
        try {
            AgentLoop.Outcome outcome = loop.respond(text, listener, cancel).get();
            CallDecision d = outcome.decision();
            if (d instanceof CallDecision.Transfer || d instanceof CallDecision.EndCall) {
                ended = d;
            }
            return outcome;
        } catch (InterruptedException e) {
            cancel.cancel();
            throw e;
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            throw new ChatFailure("language model failed: " + (cause == null ? e : cause).getMessage(), cause);
        }
    }

    @Override
    public void close() {
        llm.endSession(sessionKey);
    }

    /** The model could not answer (no engine, all engines failed). */
    public static final class ChatFailure extends RuntimeException {
        ChatFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
