package io.moked.models;

/** The download failed (network, HTTP status); a partial file is kept so the next pull resumes. */
public class ModelDownloadException extends ModelException {
    public ModelDownloadException(String message, Throwable cause) {
        super(message, cause);
    }

    public ModelDownloadException(String message) {
        super(message);
    }
}
