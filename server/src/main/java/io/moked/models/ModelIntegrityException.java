package io.moked.models;

/** A downloaded or imported file does not have the expected sha256/size; it was not installed. */
public class ModelIntegrityException extends ModelException {
    public ModelIntegrityException(String message) {
        super(message);
    }
}
