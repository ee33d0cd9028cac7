package io.moked.cli.sim;

/** Finds the Twilio account of the tenant that owns a phone number, from the appliance's own data. */
public interface TwilioAccountSource {
    /** @return the account, or null when no tenant owns {@code number} or it has no Twilio credentials */
    TwilioAccount forNumber(String number);

    TwilioAccountSource NONE = number -> null;
}
