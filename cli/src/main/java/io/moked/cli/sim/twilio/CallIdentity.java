package io.moked.cli.sim.twilio;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The identifiers Twilio gives a call: account, call and stream SIDs (two-letter prefix + 32 hex digits, the
 * format Twilio uses) and the numbers. The simulator makes fresh call and stream SIDs for every call.
 */
public record CallIdentity(String accountSid, String callSid, String streamSid, String from, String to) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SID_HEX_BYTES = 16;

    public static CallIdentity fresh(String accountSid, String from, String to) {
        return new CallIdentity(accountSid, sid("CA"), sid("MZ"), from, to);
    }

    /** A random SID with Twilio's shape, e.g. {@code CA0f3c...} (34 characters). */
    public static String sid(String prefix) {
        byte[] bytes = new byte[SID_HEX_BYTES];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
