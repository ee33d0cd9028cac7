package io.moked.models;

/** A model operation failed; the message is one line for an admin and names the command that fixes it. */
public class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
