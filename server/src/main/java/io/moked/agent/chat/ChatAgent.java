package io.moked.agent.chat;

import io.micronaut.core.annotation.Nullable;
import io.moked.agent.AgentLoop;
import io.moked.agent.Conversation;
import io.moked.agent.tools.CallerMemory;
import io.moked.agent.tools.ToolContext;
import io.moked.agent.tools.ToolRegistry;
import io.moked.call.CallConfig;
import io.moked.call.CallExecutors;
import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadSource;
import io.moked.crm.lead.LeadUpsert;
import io.moked.crm.prompt.Channel;
import io.moked.crm.prompt.PromptContext;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.prompt.RenderedPrompt;
import io.moked.crm.tenant.Tenant;
import io.moked.llm.LlmRouter;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The assistant by text (channel {@code chat}): the same prompt rendering, tools, database and {@link AgentLoop} as
 * a phone call, without audio. Used by {@code agentctl chat} and the prompt evals.
 * <p>
 * The prompt is the tenant's {@code chat} prompt when it has an active one, else its {@code voice} prompt (so a new
 * tenant can be tried before it writes a chat prompt). A chat as a phone number finds or creates that number's lead
 * (source {@code chat}) and gets the caller's memory (known fields, meetings, earlier calls) like a call; an
 * anonymous chat has no lead, like a withheld number, and the lead and diary tools answer the model with an error.
 * Chats create no call record.
 */
@Singleton
public class ChatAgent {
    /** lead id of an anonymous chat: no lead has it, so lead tools answer "not found" to the model */
    static final long NO_LEAD = -1;

    private final LeadService leads;
    private final CallerMemory memory;
    private final PromptService prompts;
    private final ToolRegistry tools;
    private final LlmRouter llm;
    private final CallConfig config;
    private final CallExecutors executors;
    private final Clock clock;

    public ChatAgent(LeadService leads, CallerMemory memory, PromptService prompts, ToolRegistry tools, LlmRouter llm,
                     CallConfig config, CallExecutors executors, Clock clock) {
        this.leads = leads;
        this.memory = memory;
        this.prompts = prompts;
        this.tools = tools;
        this.llm = llm;
        this.config = config;
        this.executors = executors;
        this.clock = clock;
    }

    /** Which prompt a chat uses when none is named: the active chat prompt, else the active voice prompt. */
    public Channel defaultChannel(Tenant tenant) {
        return prompts.active(tenant, Channel.CHAT).isPresent() ? Channel.CHAT : Channel.VOICE;
    }

    /**
     * Starts a chat.
     *
     * @param phone   the caller the chat runs as (any form the lead service normalizes), or null for anonymous
     * @param channel whose prompt to use; null = {@link #defaultChannel}
     * @param version that channel's prompt version; null = the active one
     * @param actor   written to the audit log for every tool write, e.g. "chat:dana"
     */
    public ChatSession open(Tenant tenant, @Nullable String phone, @Nullable Channel channel,
                            @Nullable Integer version, String actor) {
        Instant now = clock.instant();
        Lead lead = phone == null || phone.isBlank() ? null
                : leads.upsert(tenant, new LeadUpsert(phone, null, null, LeadSource.CHAT), actor);
        PromptContext context = lead == null ? PromptContext.at(now) : memory.promptContext(tenant, lead, null, now);
        Channel ch = channel == null ? defaultChannel(tenant) : channel;
        RenderedPrompt prompt = version == null ? prompts.render(tenant, ch, context)
                : prompts.render(tenant, ch, version, context);
        String sessionKey = "chat-" + UUID.randomUUID();
        Conversation conversation = new Conversation(prompt.text(), config.maxHistoryMessages());
        ToolContext toolContext = new ToolContext(tenant, lead == null ? NO_LEAD : lead.id(), null, clock, actor);
        AgentLoop.Settings settings = new AgentLoop.Settings(config.temperature(), config.maxTokens(),
                config.maxToolRounds(), sessionKey);
        return new ChatSession(tenant, lead, prompt, conversation,
                new AgentLoop(llm::chat, tools, toolContext, executors.tools(), conversation, settings), llm,
                sessionKey);
    }
}
