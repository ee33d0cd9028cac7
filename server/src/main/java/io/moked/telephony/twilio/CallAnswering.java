package io.moked.telephony.twilio;

import io.moked.call.CallConfig;
import io.moked.call.CallPlan;
import io.moked.call.CallReadiness;
import io.moked.call.CallRegistry;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallService;
import io.moked.crm.call.NewCall;
import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadSource;
import io.moked.crm.lead.LeadUpsert;
import io.moked.crm.prompt.Channel;
import io.moked.crm.prompt.PromptContext;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.prompt.RenderedPrompt;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TwilioCredentials;
import io.moked.error.MokedException;
import io.moked.call.SpeechText;
import io.moked.tts.TtsRouter;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Decides how a verified incoming call is answered: the assistant (media stream), the tenant's busy message when
 * the appliance or the tenant is at its concurrent-call limit, or degraded mode — voicemail, with the caller kept
 * as a lead to call back — when the engines are not ready or the tenant has no active voice prompt. No caller is
 * turned away without a message and a log line.
 */
@Singleton
public class CallAnswering {
    static final String BUSY = "busy";
    static final String VOICEMAIL_PROMPT = "voicemail-prompt";
    static final String TECHNICAL_DIFFICULTY = "technical-difficulty";
    private static final String ACTOR = "moked-call";
    private static final Logger LOG = LoggerFactory.getLogger(CallAnswering.class);

    private final CallService calls;
    private final LeadService leads;
    private final PromptService prompts;
    private final CallRegistry registry;
    private final CallReadiness readiness;
    private final CallConfig config;
    private final TtsRouter tts;
    private final SpeechText speech;
    private final Clock clock;

    public CallAnswering(CallService calls, LeadService leads, PromptService prompts, CallRegistry registry,
                         CallReadiness readiness, CallConfig config, TtsRouter tts, SpeechText speech, Clock clock) {
        this.calls = calls;
        this.leads = leads;
        this.prompts = prompts;
        this.registry = registry;
        this.readiness = readiness;
        this.config = config;
        this.tts = tts;
        this.speech = speech;
        this.clock = clock;
    }

    /** The TwiML for a verified call to {@code tenant}. */
    public String answer(Tenant tenant, String callSid, String from, String to, TwilioCredentials credentials,
                         String baseUrl) {
        Call call = calls.create(tenant, NewCall.inbound(callSid, from.isBlank() ? "anonymous" : from, to));
        var admission = registry.admit(callSid, tenant.id(), tenant.slug(), tenant.maxConcurrentCalls(),
                credentials.authToken());
        if (admission instanceof CallRegistry.Refused refused) {
            LOG.warn("call refused, {}: {} of {} calls active; playing the busy message", refused.reason(),
                    refused.active(), refused.limit());
            calls.end(tenant, call.id(), null, "busy-" + refused.reason().name().toLowerCase());
            return Twiml.sayAndHangup(message(tenant, BUSY), config.sayLanguage());
        }
        var slot = ((CallRegistry.Admitted) admission).slot();
        List<String> problems = readiness.problems();
        if (!problems.isEmpty()) {
            registry.release(callSid);
            return degraded(tenant, call, from, "engines not ready: " + String.join("; ", problems), baseUrl);
        }
        RenderedPrompt prompt;
        Optional<Lead> lead = lead(tenant, from);
        try {
            prompt = prompts.render(tenant, Channel.VOICE, new PromptContext(clock.instant(),
                    lead.map(Lead::phone).orElse(null), lead.map(Lead::name).orElse(null),
                    lead.map(Lead::qualification).orElse(Map.of())));
        } catch (MokedException e) {
            registry.release(callSid);
            LOG.error("cannot run the assistant: {}", e.getMessage());
            return degraded(tenant, call, from, e.getMessage(), baseUrl);
        }
        calls.setPromptVersion(tenant, call.id(), prompt.versionId());
        String greeting = prompt.greeting() == null ? "" : prompt.greeting();
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
        slot.plan(new CallPlan(tenant, call.id(), callSid, from, to, prompt.text(), greeting,
                config.language(), tenant.voice(), tenant.endOfTurnSilenceMs(), tenant.recordingEnabled(),
                blankToNull(tenant.transferNumber()), tenant.dtmfActions(), message(tenant, TECHNICAL_DIFFICULTY),
                greetingAudio));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("tenant", tenant.slug());
        parameters.put("callSid", callSid);
        parameters.put("from", from);
        LOG.info("call from {} answered by the assistant (prompt v{})", from, prompt.version());
        return Twiml.connectStream(TwilioSignature.url(baseUrl, MediaStreamSocket.PATH, true), parameters,
                baseUrl + "/twilio/connect-action");
    }

    /** Voicemail instead of the assistant; the caller is kept as a lead so someone calls back. */
    private String degraded(Tenant tenant, Call call, String from, String reason, String baseUrl) {
        LOG.warn("degraded mode (voicemail): {}", reason);
        calls.markDegraded(tenant, call.id(), reason);
        try {
            leads.upsert(tenant, new LeadUpsert(from, null, null, LeadSource.CALL), ACTOR);
        } catch (RuntimeException e) {
            LOG.warn("caller {} could not be stored as a lead to call back: {}", from, e.getMessage());
        }
        return voicemail(tenant, baseUrl);
    }

    /**
     * The tenant's voicemail prompt and a {@code <Record>} whose result comes to {@code /twilio/voicemail}: degraded
     * mode, and callers who pressed the tenant's voicemail key.
     */
    public String voicemail(Tenant tenant, String baseUrl) {
        return Twiml.voicemail(message(tenant, VOICEMAIL_PROMPT), config.sayLanguage(),
                baseUrl + "/twilio/voicemail", config.voicemailMaxSeconds());
    }

    /** Stores where Twilio keeps the voicemail (degraded mode or the voicemail key), apart from the call's WAV. */
    public void voicemailRecorded(Tenant tenant, String callSid, String recordingUrl, Integer seconds) {
        if (callSid == null || recordingUrl == null) {
            return;
        }
        try {
            Call call = calls.getBySid(tenant, callSid);
            calls.setVoicemail(tenant, call.id(), recordingUrl, seconds);
            LOG.info("call {}: voicemail of {} s recorded", callSid, seconds);
        } catch (MokedException e) {
            LOG.warn("voicemail of call {} not stored: {}", callSid, e.getMessage());
        }
    }

    private Optional<Lead> lead(Tenant tenant, String from) {
        try {
            return leads.findByPhone(tenant, from);
        } catch (RuntimeException e) {
            return Optional.empty(); // withheld or not a phone number
        }
    }

    private String message(Tenant tenant, String key) {
        return tenant.message(key).filter(m -> !m.isBlank())
                .or(() -> Optional.ofNullable(config.fallbackMessages().get(key)))
                .orElseThrow(() -> new IllegalStateException("no '" + key + "' message for tenant " + tenant.slug()
                        + " and no moked.call.fallback-messages." + key));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
