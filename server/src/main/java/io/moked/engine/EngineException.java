package io.moked.engine;

/** An engine could not do its job (model missing, native failure, upstream error, timeout). The router falls back. */
public class EngineException extends Exception {
    private final String engine;

    public EngineException(String engine, String message) {
        super(engine + ": " + message);
        this.engine = engine;
    }

    public EngineException(String engine, String message, Throwable cause) {
        super(engine + ": " + message, cause);
        this.engine = engine;
    }

    public String engine() {
        return engine;
    }
}
