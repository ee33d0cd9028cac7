package io.moked.vad;

/** Where an asynchronously analysed chunk's result goes; runs on the VAD batcher's thread, so it must not block. */
@FunctionalInterface
public interface ProbabilityCallback {
    /**
     * @param probability the chunk's speech probability (meaningless when {@code failure} is set)
     * @param failure null, or why the chunk was not analysed ({@link VadModelClosedException} on shutdown)
     */
    void done(float probability, RuntimeException failure);
}
