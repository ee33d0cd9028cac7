package io.moked.telephony.control;

import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Say;
import io.moked.crm.tenant.TwilioCredentials;
import jakarta.inject.Singleton;

/**
 * Changes a live call through Twilio's REST API ("update a call" with new TwiML): a transfer redirects the caller to
 * {@code <Say>} + {@code <Dial timeout=N action=URL>}; when nobody answers (or the line is busy) Twilio requests
 * the action URL, which answers with the voicemail. Blocking HTTP: call it from a worker thread, never from a
 * Netty event loop.
 */
@Singleton
public class TwilioCallControl {
    private final CallControlConfig config;

    public TwilioCallControl(CallControlConfig config) {
        this.config = config;
    }

    /**
     * @param number    E.164 transfer number
     * @param say       said to the caller before the ringing (blank = nothing)
     * @param language  Twilio {@code <Say>} language, e.g. he-IL
     * @param actionUrl where Twilio posts the dial result (DialCallStatus) for what comes next: the voicemail
     * @throws CallControlException when Twilio refuses or cannot be reached (the message names the status)
     */
    public void transfer(TwilioCredentials credentials, String callSid, String number, String say, String language,
                         String actionUrl) {
        update(credentials, callSid, transferTwiml(number, config.dialTimeoutSeconds(), actionUrl, say, language));
    }

    /** The TwiML a transfer redirects the call to. */
    public static String transferTwiml(String number, int timeoutSeconds, String actionUrl, String say,
                                       String language) {
        VoiceResponse.Builder response = new VoiceResponse.Builder();
        if (say != null && !say.isBlank()) {
            Say.Builder s = new Say.Builder(say);
            for (Say.Language l : Say.Language.values()) {
                if (l.toString().equalsIgnoreCase(language)) {
                    s.language(l);
                    break;
                }
            }
            response.say(s.build());
        }
        response.dial(new Dial.Builder().number(number).timeout(timeoutSeconds).action(actionUrl)
                .method(HttpMethod.POST).build());
        return response.build().toXml();
    }

    private void update(TwilioCredentials credentials, String callSid, String twiml) {
        TwilioRestClient client = new TwilioRestClient.Builder(credentials.accountSid(), credentials.authToken())
                .httpClient(new BaseUrlHttpClient(config.apiBaseUrl(), config.requestTimeoutMs()))
                .build();
        try {
            Call.updater(callSid).setTwiml(new com.twilio.type.Twiml(twiml)).update(client);
        } catch (ApiException e) {
            throw new CallControlException("Twilio refused to update call " + callSid + " (HTTP "
                    + e.getStatusCode() + ", code " + e.getCode() + "): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CallControlException("cannot reach Twilio to update call " + callSid + ": " + e.getMessage(), e);
        }
    }
}
