package io.moked.error;

/** Input is malformed or out of range; the message says which field and why. */
public class ValidationException extends MokedException {
    public ValidationException(String message) {
        super(message);
    }

    public ValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
