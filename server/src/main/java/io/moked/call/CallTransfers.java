package io.moked.call;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.moked.crm.tenant.TenantService;
import io.moked.crm.tenant.TwilioCredentials;
import io.moked.telephony.control.CallControlException;
import io.moked.telephony.control.TwilioCallControl;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Carries out a transfer on a live call: a Twilio REST "update call" to {@code <Say>} + {@code <Dial timeout
 * action>} (an unanswered dial falls back to the voicemail through {@value #DIAL_ACTION_PATH}). Needs the tenant's
 * Twilio credentials and {@code moked.public-url} (the dial action's address); without them, or when Twilio refuses,
 * it says so and the call falls back to the media stream's Connect action, which dials the number too (without the
 * voicemail fallback). Blocking HTTP: run it on a worker thread.
 */
@Singleton
public class CallTransfers {
    /** Where Twilio posts the result of a transfer's dial. */
    public static final String DIAL_ACTION_PATH = "/twilio/dial-action";
    private static final Logger LOG = LoggerFactory.getLogger(CallTransfers.class);

    private final TwilioCallControl control;
    private final TenantService tenants;
    private final CallConfig config;
    private final String publicUrl;

    public CallTransfers(TwilioCallControl control, TenantService tenants, CallConfig config,
                         @Nullable @Value("${moked.public-url:}") String publicUrl) {
        this.control = control;
        this.tenants = tenants;
        this.config = config;
        String base = publicUrl == null ? "" : publicUrl.strip();
        this.publicUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * @param say said by Twilio before it dials (blank = nothing: the assistant already said it)
     * @return true when Twilio took the new TwiML; false when the Connect action has to dial instead
     */
    public boolean redirect(CallPlan plan, String say) {
        if (plan.transferNumber() == null) {
            return false;
        }
        if (publicUrl.isEmpty()) {
            LOG.warn("transfer through the media stream's end: moked.public-url is not set, so Twilio has no "
                    + "address for the dial's voicemail fallback");
            return false;
        }
        Optional<TwilioCredentials> credentials = tenants.twilioCredentials(plan.tenant());
        if (credentials.isEmpty()) {
            LOG.warn("transfer through the media stream's end: tenant {} has no Twilio credentials",
                    plan.tenantSlug());
            return false;
        }
        try {
            control.transfer(credentials.get(), plan.callSid(), plan.transferNumber(), say == null ? "" : say,
                    config.sayLanguage(), publicUrl + DIAL_ACTION_PATH);
            LOG.info("call redirected by Twilio to the tenant's human line");
            return true;
        } catch (CallControlException e) {
            LOG.warn("Twilio redirect failed, the media stream's end dials instead: {}", e.getMessage());
            return false;
        }
    }
}
