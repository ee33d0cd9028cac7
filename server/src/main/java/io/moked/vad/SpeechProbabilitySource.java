package io.moked.vad;

/**
 * Per-call source of speech probabilities, one per fixed-size chunk of mono audio. The real one is Silero VAD
 * ({@link VadAnalyzer}); tests script probabilities to drive the endpointing logic without a model. Stateful and
 * not thread-safe: one per call, fed in order.
 */
public interface SpeechProbabilitySource extends AutoCloseable {
    /** Rate of the audio this source wants (8000 or 16000). */
    int sampleRateHz();

    /** Samples per chunk at {@link #sampleRateHz()}. */
    int chunkSamples();

    /**
     * @param chunk exactly {@link #chunkSamples()} samples in [-1, 1]
     * @return probability in [0, 1] that the chunk holds speech
     */
    float speechProbability(float[] chunk);

    /**
     * Whether this source can analyse a chunk without blocking the caller ({@link #submit}): the batched Silero
     * analyzer when the model's batcher runs. Scripted and energy sources are synchronous.
     */
    default boolean asynchronous() {
        return false;
    }

    /**
     * Starts analysing {@code chunks} (consecutive, in order) and returns at once; {@code onDone} receives their
     * probabilities on another thread. One submission at a time. Only when {@link #asynchronous()}.
     */
    default void submit(java.util.List<float[]> chunks, ProbabilityCallback onDone) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is synchronous");
    }

    /** Forgets all history (the model's recurrent state), as at the start of a call. */
    void reset();

    /** Frees what the source holds outside the heap (the model's input tensors); called when the call ends. */
    @Override
    default void close() {
    }

    default int chunkMs() {
        return chunkSamples() * 1000 / sampleRateHz();
    }
}
