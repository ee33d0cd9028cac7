package io.moked.vad;

/** Where asynchronously analysed chunks' results go; runs on the VAD batcher's thread, so it must not block. */
@FunctionalInterface
public interface ProbabilityCallback {
    /**
     * @param probabilities the speech probabilities of the submitted chunks, in order; the first {@code analysed}
     *     are valid
     * @param analysed how many of the chunks, from the first, were analysed
     * @param failure null when all were; otherwise why chunk {@code analysed} was not ({@link VadModelClosedException}
     *     on shutdown), and the ones after it were not tried
     */
    void done(float[] probabilities, int analysed, RuntimeException failure);
}
