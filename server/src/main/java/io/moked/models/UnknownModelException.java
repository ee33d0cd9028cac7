package io.moked.models;

/** The name is not in the manifest. */
public class UnknownModelException extends ModelException {
    private final String modelName;

    public UnknownModelException(String modelName, String message) {
        super(message);
        this.modelName = modelName;
    }

    public String modelName() {
        return modelName;
    }
}
