package io.moked.telephony.twilio;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.moked.call.CallAnswer;
import io.moked.call.CallAnswering;
import io.moked.call.SimulationPrompt;
import io.moked.crm.call.CallService;
import io.moked.crm.call.CallStatus;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.crm.tenant.TwilioCredentials;
import io.moked.error.MokedException;
import io.moked.error.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Twilio's HTTP callbacks: the voice webhook (answer a call), call status callbacks, and what happens after the
 * media stream ({@code <Connect action>}) or a voicemail ends. Only the edge: every request is checked against the
 * tenant's auth token, {@link CallAnswering} decides, {@link Twiml#of} translates. They run on the blocking
 * executor (database work).
 */
@Controller("/twilio")
@ExecuteOn(TaskExecutors.BLOCKING)
public class VoiceWebhookController {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceWebhookController.class);

    private final TenantService tenants;
    private final CallService calls;
    private final CallAnswering answering;
    private final PublicUrl publicUrl;
    private final SimulationPrompt simulationPrompt;

    public VoiceWebhookController(TenantService tenants, CallService calls, CallAnswering answering,
                                  PublicUrl publicUrl, SimulationPrompt simulationPrompt) {
        this.tenants = tenants;
        this.calls = calls;
        this.answering = answering;
        this.publicUrl = publicUrl;
        this.simulationPrompt = simulationPrompt;
    }

    /** Longest parameter value taken from Twilio (its own are far shorter); longer is a bad request. */
    static final int MAX_PARAMETER_CHARS = 4096;

    /**
     * A 400 for parameters no Twilio request carries: a NUL or other C0 control character other than tab, CR and LF
     * (PostgreSQL refuses NUL in text, SQLite stores it: both databases must see the same data), or a value over
     * {@link #MAX_PARAMETER_CHARS}. Says which parameter, never echoes it.
     */
    private static Optional<HttpResponse<String>> malformed(Map<String, String> params) {
        for (Map.Entry<String, String> p : params.entrySet()) {
            String value = p.getValue() == null ? "" : p.getValue();
            boolean bad = value.length() > MAX_PARAMETER_CHARS || p.getKey().length() > 100;
            for (int i = 0; i < value.length() && !bad; i++) {
                char c = value.charAt(i);
                bad = c < 0x20 && c != '\t' && c != '\r' && c != '\n';
            }
            if (bad) {
                String name = p.getKey().matches("[A-Za-z0-9_]{1,40}") ? p.getKey() : "(unnamed)";
                LOG.warn("refused a Twilio callback: parameter {} is too long or has control characters", name);
                return Optional.of(HttpResponse.badRequest("malformed parameter " + name));
            }
        }
        return Optional.empty();
    }

    @Post(uri = "/voice", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_XML)
    public HttpResponse<String> voice(HttpRequest<?> request, @Body Map<String, String> params) {
        Optional<HttpResponse<String>> bad = malformed(params);
        if (bad.isPresent()) {
            return bad.get();
        }
        String callSid = params.get("CallSid");
        String to = params.get("To");
        if (callSid == null || !callSid.matches("[A-Za-z0-9]{2,64}") || to == null || to.isBlank()) {
            return HttpResponse.badRequest("CallSid and To are required");
        }
        MDC.put("callSid", callSid);
        try {
            Optional<Tenant> tenant = tenantFor(to);
            if (tenant.isEmpty()) {
                LOG.warn("call from {} to {}: the number belongs to no tenant; apologising and hanging up",
                        params.get("From"), to);
                return xml(Twiml.of(answering.unknownNumber(), publicUrl.base(request)));
            }
            MDC.put("tenant", tenant.get().slug());
            // read once: the signature check and the admitted call's stream upgrade use the same token
            Optional<TwilioCredentials> creds = credentials(tenant.get());
            Optional<HttpResponse<String>> refused = verify(request, params, tenant.get(), creds);
            if (refused.isPresent()) {
                return refused.get();
            }
            String authToken = creds.orElseThrow().authToken();
            CallAnswer answer;
            try {
                answer = answering.answer(tenant.get(), callSid, params.getOrDefault("From", ""), to, authToken,
                        simulationPrompt.requested(params, callSid, authToken).orElse(null));
            } catch (ValidationException e) {
                LOG.warn("voice webhook refused: {}", e.getMessage());
                return HttpResponse.badRequest(e.getMessage());
            }
            return xml(Twiml.of(answer, publicUrl.base(request), publicUrl.nodeBase(request)));
        } finally {
            MDC.clear();
        }
    }

    @Post(uri = "/status", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_PLAIN)
    public HttpResponse<String> status(HttpRequest<?> request, @Body Map<String, String> params) {
        Optional<HttpResponse<String>> bad = malformed(params);
        if (bad.isPresent()) {
            return bad.get();
        }
        String callSid = params.get("CallSid");
        Optional<Tenant> tenant = tenantFor(params.get("To"));
        if (callSid == null || tenant.isEmpty()) {
            LOG.warn("status callback for call {} to {}: unknown call or number", callSid, params.get("To"));
            return HttpResponse.notFound("unknown call");
        }
        Optional<HttpResponse<String>> refused = verify(request, params, tenant.get());
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            CallStatus status = CallStatus.fromTwilio(params.get("CallStatus"));
            Integer seq = parseInt(params.get("SequenceNumber"));
            boolean applied = calls.updateStatus(tenant.get(), callSid, status, seq, null).applied();
            answering.callStatus(tenant.get(), callSid, status);
            LOG.info("call {} status {} (seq {}){}", callSid, status.twilioName(), seq,
                    applied ? "" : ": repeat or out of order, kept the newer status");
            return HttpResponse.ok("ok");
        } catch (MokedException e) {
            LOG.warn("status callback for call {} not applied: {}", callSid, e.getMessage());
            return HttpResponse.ok("ignored: " + e.getMessage());
        }
    }

    /**
     * Twilio asks what to do once the media stream ended: dial the human the agent transferred to, record the
     * voicemail the caller asked for, or hang up.
     */
    @Post(uri = "/connect-action", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_XML)
    public HttpResponse<String> connectAction(HttpRequest<?> request, @Body Map<String, String> params) {
        Optional<HttpResponse<String>> bad = malformed(params);
        if (bad.isPresent()) {
            return bad.get();
        }
        Optional<Tenant> tenant = tenantFor(params.get("To"));
        if (tenant.isEmpty()) {
            return xml(Twiml.of(new CallAnswer.Hangup(), publicUrl.base(request)));
        }
        Optional<HttpResponse<String>> refused = verify(request, params, tenant.get());
        if (refused.isPresent()) {
            return refused.get();
        }
        return xml(Twiml.of(answering.afterStream(tenant.get(), params.get("CallSid")), publicUrl.base(request)));
    }

    /**
     * The dial of a transfer (Twilio REST redirect, see {@code CallTransfers}) is over: when the person answered, the
     * call is done; when nobody answered, the line was busy or the dial failed, the caller gets the voicemail.
     */
    @Post(uri = "/dial-action", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_XML)
    public HttpResponse<String> dialAction(HttpRequest<?> request, @Body Map<String, String> params) {
        Optional<Tenant> tenant = tenantFor(params.get("To"));
        if (tenant.isEmpty()) {
            return xml(Twiml.of(new CallAnswer.Hangup(), publicUrl.base(request)));
        }
        Optional<HttpResponse<String>> refused = verify(request, params, tenant.get());
        if (refused.isPresent()) {
            return refused.get();
        }
        return xml(Twiml.of(answering.afterDial(tenant.get(), params.get("CallSid"), params.get("DialCallStatus")),
                publicUrl.base(request)));
    }

    /** The voicemail of a degraded-mode call, or of a caller who pressed the voicemail key, was recorded. */
    @Post(uri = "/voicemail", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_XML)
    public HttpResponse<String> voicemail(HttpRequest<?> request, @Body Map<String, String> params) {
        Optional<HttpResponse<String>> bad = malformed(params);
        if (bad.isPresent()) {
            return bad.get();
        }
        Optional<Tenant> tenant = tenantFor(params.get("To"));
        if (tenant.isEmpty()) {
            return xml(Twiml.of(new CallAnswer.Hangup(), publicUrl.base(request)));
        }
        Optional<HttpResponse<String>> refused = verify(request, params, tenant.get());
        if (refused.isPresent()) {
            return refused.get();
        }
        answering.voicemailRecorded(tenant.get(), params.get("CallSid"), params.get("RecordingUrl"),
                parseInt(params.get("RecordingDuration")));
        return xml(Twiml.of(new CallAnswer.Hangup(), publicUrl.base(request)));
    }

    private Optional<Tenant> tenantFor(String to) {
        if (to == null || to.isBlank()) {
            return Optional.empty();
        }
        try {
            return tenants.findByPhoneNumber(to);
        } catch (MokedException e) {
            return Optional.empty(); // not a phone number we could own
        }
    }

    private Optional<TwilioCredentials> credentials(Tenant tenant) {
        return tenants.twilioCredentials(tenant);
    }

    /** Empty when the signature is valid, else the response refusing the request. */
    private Optional<HttpResponse<String>> verify(HttpRequest<?> request, Map<String, String> params, Tenant tenant) {
        return verify(request, params, tenant, credentials(tenant));
    }

    private Optional<HttpResponse<String>> verify(HttpRequest<?> request, Map<String, String> params, Tenant tenant,
                                                  Optional<TwilioCredentials> creds) {
        if (creds.isEmpty()) {
            LOG.error("tenant {} has no Twilio credentials: its calls cannot be verified and are refused "
                    + "(agentctl tenant set-twilio --tenant {} ...)", tenant.slug(), tenant.slug());
            return Optional.of(HttpResponse.<String>status(io.micronaut.http.HttpStatus.FORBIDDEN)
                    .body("tenant has no Twilio credentials"));
        }
        List<String> urls = publicUrl.requestedCandidates(request);
        String signature = request.getHeaders().get(TwilioSignature.HEADER);
        if (urls.stream().noneMatch(url -> TwilioSignature.valid(creds.get().authToken(), url, params, signature))) {
            LOG.warn("refused {}: invalid X-Twilio-Signature for {}", request.getPath(), String.join(" or ", urls));
            return Optional.of(HttpResponse.<String>status(io.micronaut.http.HttpStatus.FORBIDDEN)
                    .body("invalid signature"));
        }
        return Optional.empty();
    }

    private static Integer parseInt(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static HttpResponse<String> xml(String twiml) {
        return HttpResponse.ok(twiml).contentType(MediaType.TEXT_XML_TYPE);
    }
}
