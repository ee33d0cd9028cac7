package io.moked.vad;

/** An inference was asked of a {@link SileroVadModel} that is closed or closing (appliance shutdown). */
public class VadModelClosedException extends VadModelException {
    public VadModelClosedException(String message) {
        super(message);
    }
}
