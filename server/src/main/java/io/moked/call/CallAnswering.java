package io.moked.call;

import io.moked.crm.call.Call;
import io.moked.crm.call.CallService;
import io.moked.crm.call.NewCall;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadSource;
import io.moked.crm.lead.LeadUpsert;
import io.moked.crm.prompt.Channel;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.prompt.PromptVersion;
import io.moked.crm.tenant.Tenant;
import io.moked.error.ConflictException;
import io.moked.error.MokedException;
import io.moked.pipeline.CallEnd;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Decides what happens with a verified call, as a typed {@link CallAnswer} (the telephony edge only translates it):
 * the assistant (media stream: the call admitted and its prompt version chosen before the TwiML goes back; its lead,
 * rendered prompt and greeting audio made by {@link CallPreparation} while Twilio opens the stream), the tenant's
 * busy message when the appliance or the tenant is at its concurrent-call limit,
 * or degraded mode — voicemail, with the caller kept as a lead to call back — when the engines are not ready or the
 * tenant has no active voice prompt; and, once the media stream is over, what follows it. No caller is turned away
 * without a message and a log line.
 */
@Singleton
public class CallAnswering {
    private static final String BUSY = "busy";
    private static final String VOICEMAIL_PROMPT = "voicemail-prompt";
    private static final String TECHNICAL_DIFFICULTY = "technical-difficulty";
    private static final String ACTOR = "moked-call";
    /** The lead id of a call without a lead (withheld number): tools that need one answer with an error. */
    static final long NO_LEAD = 0;
    /** The {@code <Parameter>} carrying the call's stream token; the media stream's start must send it back. */
    public static final String STREAM_TOKEN_PARAMETER = "streamToken";
    private static final Logger LOG = LoggerFactory.getLogger(CallAnswering.class);

    private final CallService calls;
    private final LeadService leads;
    private final PromptService prompts;
    private final CallRegistry registry;
    private final CallReadiness readiness;
    private final CallConfig config;
    private final CallPreparation preparation;

    public CallAnswering(CallService calls, LeadService leads, PromptService prompts, CallRegistry registry,
                         CallReadiness readiness, CallConfig config, CallPreparation preparation) {
        this.calls = calls;
        this.leads = leads;
        this.prompts = prompts;
        this.registry = registry;
        this.readiness = readiness;
        this.config = config;
        this.preparation = preparation;
    }

    /** A call to a number no tenant owns. */
    public CallAnswer unknownNumber() {
        return new CallAnswer.UnknownNumber(config.unknownNumberMessage(), config.sayLanguage());
    }

    /**
     * Answers a verified call to {@code tenant}.
     *
     * @param authToken the tenant's Twilio auth token: kept in memory with the admitted call, to check the
     *                  signature of its media stream
     */
    public CallAnswer answer(Tenant tenant, String callSid, String from, String to, String authToken) {
        return answer(tenant, callSid, from, to, authToken, null);
    }

    /**
     * As {@link #answer(Tenant, String, String, String, String)}; {@code promptVersion}, when not null, is the
     * prompt version a signed simulated call asked for ({@link SimulationPrompt}) instead of the active one.
     */
    public CallAnswer answer(Tenant tenant, String callSid, String from, String to, String authToken,
                             Integer promptVersion) {
        Optional<Call> known = calls.findBySid(tenant, callSid);
        if (known.isPresent()) {
            return answerAgain(tenant, known.get());
        }
        Call call;
        try {
            call = calls.create(tenant, NewCall.inbound(callSid, from.isBlank() ? "anonymous" : from, to));
        } catch (ConflictException e) {
            // another tenant's call SID (the answer must not tell it exists), or the same webhook twice at once
            Optional<Call> mine = calls.findBySid(tenant, callSid);
            if (mine.isEmpty()) {
                LOG.warn("voice webhook with a call SID this tenant does not own: hanging up");
                return new CallAnswer.Hangup();
            }
            return answerAgain(tenant, mine.get());
        }
        var admission = registry.admit(callSid, tenant.id(), tenant.slug(), tenant.maxConcurrentCalls(), authToken);
        if (admission instanceof CallRegistry.Refused refused) {
            LOG.warn("call refused, {}: {} of {} calls active; playing the busy message", refused.reason(),
                    refused.active(), refused.limit());
            if (refused.reason() != CallRegistry.Refusal.LIVE_ON_OTHER_NODE) { // that node's call, not ours to end
                calls.end(tenant, call.id(), null, "busy-" + refused.reason().name().toLowerCase());
            }
            return new CallAnswer.Busy(message(tenant, BUSY), config.sayLanguage());
        }
        var slot = ((CallRegistry.Admitted) admission).slot();
        List<String> problems = readiness.problems();
        if (!problems.isEmpty()) {
            registry.release(callSid);
            return degraded(tenant, call, from, "engines not ready: " + String.join("; ", problems));
        }
        PromptVersion version;
        try {
            version = prompts.runVersion(tenant, Channel.VOICE, promptVersion);
        } catch (MokedException e) {
            registry.release(callSid);
            LOG.error("cannot run the assistant: {}", e.getMessage());
            return degraded(tenant, call, from, e.getMessage());
        }
        // the rest (lead, rendering, greeting audio) is made while Twilio opens the stream; the stream's start
        // waits for it
        CompletableFuture<CallPlan> planned = preparation.prepare(tenant, call, from, to, version,
                message(tenant, TECHNICAL_DIFFICULTY));
        slot.planning(from, planned);
        planned.whenComplete((plan, error) -> {
            if (error != null) {
                notPrepared(tenant, call, slot, error);
            }
        });
        LOG.info("call from {} answered by the assistant (prompt v{})", from, version.version());
        return stream(slot);
    }

    /** The call's plan could not be made (its rows could not be written): the call ends, its stream is refused. */
    private void notPrepared(Tenant tenant, Call call, CallSlot slot, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        LOG.error("call {}: could not be prepared for the assistant; ending it", call.callSid(), cause);
        slot.end(CallEnd.ERROR);
        registry.release(call.callSid());
        try {
            calls.end(tenant, call.id(), null, CallEnd.ERROR.id());
        } catch (RuntimeException e) {
            LOG.error("call {}: could not be marked ended: {}", call.callSid(), e.getMessage());
        }
    }

    /**
     * A voice webhook for a call this tenant already has (a Twilio retry, or a replay): a call admitted here and not
     * ended gets the same answer again (same stream token; its one stream is still the only one accepted); any
     * other — ended, refused, degraded, or no longer held here — is never admitted again: it hangs up, so a finished
     * call cannot stream again, append turns or overwrite its recording.
     */
    private CallAnswer answerAgain(Tenant tenant, Call call) {
        Optional<CallSlot> live = registry.find(call.callSid())
                .filter(slot -> slot.tenantId() == tenant.id() && slot.answered() && slot.ending().isEmpty());
        if (live.isPresent()) {
            LOG.info("voice webhook repeated for a call waiting for or on its stream: same answer");
            return stream(live.get());
        }
        LOG.warn("voice webhook for a call already handled ({}): not admitted again, hanging up",
                call.endedAt() != null ? "ended" : "no longer admitted here");
        return new CallAnswer.Hangup();
    }

    /** The media stream answer: the parameters travel back in the stream's {@code start}. */
    private static CallAnswer.Stream stream(CallSlot slot) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("tenant", slot.tenantSlug());
        parameters.put("callSid", slot.callSid());
        parameters.put("from", slot.from());
        parameters.put(STREAM_TOKEN_PARAMETER, slot.streamToken());
        return new CallAnswer.Stream(parameters);
    }

    /**
     * What follows the media stream of a call of {@code tenant} (Twilio's Connect action): the ending the call
     * recorded decides (dial the transfer number, record a voicemail), handed out once; anything else hangs up.
     */
    public CallAnswer afterStream(Tenant tenant, String callSid) {
        Optional<CallSlot> ended = registry.takeEnded(callSid, tenant.id());
        CallEnd.Next next = ended.flatMap(CallSlot::ending).map(CallEnd::next).orElse(CallEnd.Next.HANG_UP);
        switch (next) {
            case DIAL_TRANSFER_NUMBER -> {
                String number = ended.get().plan() == null ? null : ended.get().plan().transferNumber();
                if (number != null) {
                    LOG.info("call {}: transferring to the tenant's human line", callSid);
                    return new CallAnswer.Dial(number);
                }
            }
            case RECORD_VOICEMAIL -> {
                LOG.info("call {}: the caller asked to leave a voicemail", callSid);
                return voicemail(tenant);
            }
            case HANG_UP -> {
            }
        }
        return new CallAnswer.Hangup();
    }

    /**
     * What follows a transfer's dial ({@code DialCallStatus}): done when the person answered, else the voicemail.
     */
    public CallAnswer afterDial(Tenant tenant, String callSid, String dialCallStatus) {
        if ("completed".equals(dialCallStatus) || "answered".equals(dialCallStatus)) {
            return new CallAnswer.Hangup();
        }
        LOG.info("call {}: the transfer was not answered ({}); voicemail", callSid,
                dialCallStatus == null ? "no status" : dialCallStatus.replaceAll("[^a-z-]", ""));
        return voicemail(tenant);
    }

    /**
     * Twilio's status callback said the call is over: a call still streaming here ends now as the caller hanging
     * up ({@link CallEnd#STREAM_STOPPED}, the same reason its {@code stop} gives, whichever comes first); a call
     * admitted here that never streamed frees its slot. Only calls of {@code tenant}.
     */
    public void callStatus(Tenant tenant, String callSid, io.moked.crm.call.CallStatus status) {
        if (!status.terminal()) {
            return;
        }
        registry.find(callSid).filter(slot -> slot.tenantId() == tenant.id()).ifPresent(slot -> {
            CallSession session = slot.session();
            if (session != null) {
                LOG.info("call {}: Twilio reports it {} while its stream is open; ending it", callSid,
                        status.twilioName());
                session.end(CallEnd.STREAM_STOPPED);
            } else if (!slot.streaming()) {
                LOG.info("call {}: Twilio reports it {} before its stream started; slot freed", callSid,
                        status.twilioName());
                registry.release(callSid);
            }
        });
    }

    /** Voicemail instead of the assistant; the caller is kept as a lead so someone calls back. */
    private CallAnswer degraded(Tenant tenant, Call call, String from, String reason) {
        LOG.warn("degraded mode (voicemail): {}", reason);
        calls.markDegraded(tenant, call.id(), reason);
        try {
            leads.upsert(tenant, new LeadUpsert(from, null, null, LeadSource.CALL), ACTOR);
        } catch (RuntimeException e) {
            LOG.warn("caller {} could not be stored as a lead to call back: {}", from, e.getMessage());
        }
        return new CallAnswer.Degraded(reason, voicemail(tenant));
    }

    /** The tenant's voicemail prompt and a recording: degraded mode, and callers who pressed the voicemail key. */
    private CallAnswer.Voicemail voicemail(Tenant tenant) {
        return new CallAnswer.Voicemail(message(tenant, VOICEMAIL_PROMPT), config.sayLanguage(),
                config.voicemailMaxSeconds());
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

    private String message(Tenant tenant, String key) {
        return tenant.message(key).filter(m -> !m.isBlank())
                .or(() -> Optional.ofNullable(config.fallbackMessages().get(key)))
                .orElseThrow(() -> new IllegalStateException("no '" + key + "' message for tenant " + tenant.slug()
                        + " and no moked.call.fallback-messages." + key));
    }
}
