package io.moked.telephony.control;

/** A live-call change Twilio did not make. */
public class CallControlException extends RuntimeException {
    public CallControlException(String message, Throwable cause) {
        super(message, cause);
    }
}
