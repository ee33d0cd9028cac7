package io.moked.cli.sim;

/** A tenant's Twilio account as the simulator needs it: the SID it sends and the token it signs with. */
public record TwilioAccount(String accountSid, String authToken) {
    @Override
    public String toString() {
        return "TwilioAccount[" + accountSid + ", token ***]";
    }
}
