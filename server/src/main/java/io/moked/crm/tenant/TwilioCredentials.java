package io.moked.crm.tenant;

/** A tenant's Twilio account; {@link #toString()} never shows the token. */
public record TwilioCredentials(String accountSid, String authToken) {
    @Override
    public String toString() {
        return "TwilioCredentials[accountSid=" + accountSid + ", authToken=***]";
    }
}
