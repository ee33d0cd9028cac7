package io.moked.error;

/** The request is valid but clashes with existing state (duplicate slug, number owned by another tenant...). */
public class ConflictException extends MokedException {
    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
