package io.moked.error;

/** The thing asked for does not exist (or belongs to another tenant, which looks the same from outside). */
public class NotFoundException extends MokedException {
    public NotFoundException(String message) {
        super(message);
    }

    public static NotFoundException of(String what, Object key) {
        return new NotFoundException(what + " not found: " + key);
    }
}
