package io.moked.vad;

/** The VAD model cannot be loaded or run (missing file, corrupt model, onnxruntime failure). */
public class VadModelException extends RuntimeException {
    public VadModelException(String message) {
        super(message);
    }

    public VadModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
