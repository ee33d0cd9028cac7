package io.moked.error;

/**
 * Base of the few exceptions services throw for expected, user-caused problems. Callers (agentctl, HTTP) map the
 * subclasses to exit codes / status codes; the message is one clear line meant for the person who caused it.
 */
public abstract class MokedException extends RuntimeException {
    protected MokedException(String message) {
        super(message);
    }

    protected MokedException(String message, Throwable cause) {
        super(message, cause);
    }
}
