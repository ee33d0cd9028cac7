package io.moked.call;

import io.micronaut.scheduling.TaskExecutors;
import io.moked.agent.tools.CallerMemory;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallService;
import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadSource;
import io.moked.crm.lead.LeadUpsert;
import io.moked.crm.prompt.PromptContext;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.prompt.PromptVersion;
import io.moked.crm.prompt.RenderedPrompt;
import io.moked.crm.tenant.Tenant;
import io.moked.error.ConflictException;
import io.moked.error.MokedException;
import io.moked.tts.TtsRouter;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * What an admitted call needs before its media stream starts, made after the voice webhook has answered (Twilio
 * opens the stream a few hundred milliseconds later, so the caller waits for none of it): the caller's lead found
 * or created, the prompt version rendered with what is known about the caller, the version and the lead stored on
 * the call in one transaction, and the greeting synthesized ahead. Runs on the blocking executor (database).
 */
@Singleton
public class CallPreparation {
    private static final Logger LOG = LoggerFactory.getLogger(CallPreparation.class);
    private static final String ACTOR = "moked-call";

    private final CallService calls;
    private final LeadService leads;
    private final PromptService prompts;
    private final CallConfig config;
    private final TtsRouter tts;
    private final SpeechText speech;
    private final Clock clock;
    private final CallerMemory memory;
    private final ExecutorService executor;

    public CallPreparation(CallService calls, LeadService leads, PromptService prompts, CallConfig config,
                           TtsRouter tts, SpeechText speech, Clock clock, CallerMemory memory,
                           @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.calls = calls;
        this.leads = leads;
        this.prompts = prompts;
        this.config = config;
        this.tts = tts;
        this.speech = speech;
        this.clock = clock;
        this.memory = memory;
        this.executor = executor;
    }

    /**
     * Starts preparing the plan of an admitted call.
     *
     * @param version the prompt version the call runs with (looked up by the webhook)
     * @param apology what the agent says when the language model fails
     * @return completes with the plan; fails when the call cannot run (its row could not be written)
     */
    CompletableFuture<CallPlan> prepare(Tenant tenant, Call call, String from, String to, PromptVersion version,
                                        String apology) {
        return CompletableFuture.supplyAsync(() -> {
            MDC.put("tenant", tenant.slug());
            MDC.put("callSid", call.callSid());
            try {
                return plan(tenant, call, from, to, version, apology);
            } finally {
                MDC.clear();
            }
        }, executor);
    }

    private CallPlan plan(Tenant tenant, Call call, String from, String to, PromptVersion version, String apology) {
        long started = System.nanoTime();
        Optional<Lead> lead = lead(tenant, from);
        RenderedPrompt prompt = prompts.render(tenant, version, context(tenant, lead, call));
        calls.prepared(tenant, call.id(), prompt.versionId(), lead.map(Lead::id).orElse(null));
        // the disclosure (when recording) comes first, before any turn is recorded
        String greeting = prompt.spokenGreeting();
        CompletableFuture<Void> greetingAudio = CompletableFuture.completedFuture(null);
        if (!greeting.isBlank()) {
            // synthesized while Twilio opens the stream, so the greeting's first audio leaves from the cache
            greetingAudio = tts.preSynthesize(speech.greetingSentences(greeting), config.language(),
                    tenant.voice());
            greetingAudio.whenComplete((ok, error) -> {
                if (error != null) {
                    LOG.warn("greeting of tenant {} could not be synthesized ahead: {}", tenant.slug(),
                            error.toString());
                }
            });
        }
        LOG.debug("call prepared in {} ms", (System.nanoTime() - started) / 1_000_000);
        return new CallPlan(tenant, call.id(), lead.map(Lead::id).orElse(CallAnswering.NO_LEAD), call.callSid(),
                from, to, prompt.text(), greeting, config.language(), tenant.voice(), tenant.endOfTurnSilenceMs(),
                tenant.recordingEnabled(), blankToNull(tenant.transferNumber()), tenant.dtmfActions(), apology,
                greetingAudio);
    }

    /** What the prompt knows about the caller; without the caller's history when it cannot be read. */
    private PromptContext context(Tenant tenant, Optional<Lead> lead, Call call) {
        if (lead.isEmpty()) {
            return PromptContext.at(clock.instant());
        }
        try {
            return memory.promptContext(tenant, lead.get(), call.id(), clock.instant());
        } catch (MokedException e) {
            LOG.warn("the caller's history could not be read; the prompt goes without it: {}", e.getMessage());
            return PromptContext.at(clock.instant());
        }
    }

    /**
     * The caller's lead, found or created by phone (one per phone per tenant) before the greeting, so the tools can
     * write to it from the first turn. Empty for a withheld or unusable number.
     */
    private Optional<Lead> lead(Tenant tenant, String from) {
        try {
            return Optional.of(leads.upsert(tenant, new LeadUpsert(from, null, null, LeadSource.CALL), ACTOR));
        } catch (ConflictException raced) {
            return leads.findByPhone(tenant, from); // the same caller's other call created it a moment ago
        } catch (MokedException e) {
            LOG.info("caller number is withheld or not a phone number: no lead for this call");
            return Optional.empty();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
