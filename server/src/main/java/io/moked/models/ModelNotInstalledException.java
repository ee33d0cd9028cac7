package io.moked.models;

/** The model is in the manifest but its file is not (or not intact) in the models directory. */
public class ModelNotInstalledException extends ModelException {
    private final String modelName;

    public ModelNotInstalledException(String modelName, String message) {
        super(message);
        this.modelName = modelName;
    }

    public String modelName() {
        return modelName;
    }
}
