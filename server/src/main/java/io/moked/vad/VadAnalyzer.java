package io.moked.vad;

/**
 * Per-call Silero VAD: keeps the model's recurrent state and the audio context between chunks (the model expects
 * the last 64 samples at 16 kHz / 32 at 8 kHz of the previous chunk in front of each new one). Not thread-safe;
 * the shared {@link SileroVadModel} is. Unbatched it holds native input tensors; batched its chunks share the
 * model's batch inference ({@link SileroVadModel#runBatched}). {@link #close()} it when the call ends.
 */
public final class VadAnalyzer implements SpeechProbabilitySource {
    private final SileroVadModel model;
    private final int sampleRateHz;
    private final int chunkSamples;
    private final int contextSamples;
    private final float[] input;
    private final float[] state = new float[SileroVadModel.STATE_SIZE];
    /** This call's own input tensors when unbatched; null when its chunks go to the model's batches. */
    private final SileroVadModel.Inputs tensors;
    private boolean closed;

    VadAnalyzer(SileroVadModel model, int sampleRateHz, boolean batched) {
        if (sampleRateHz != 16000 && sampleRateHz != 8000) {
            throw new IllegalArgumentException("Silero VAD runs at 8000 or 16000 Hz, not " + sampleRateHz);
        }
        this.model = model;
        this.sampleRateHz = sampleRateHz;
        this.chunkSamples = sampleRateHz == 16000 ? 512 : 256;
        this.contextSamples = sampleRateHz == 16000 ? 64 : 32;
        this.input = new float[contextSamples + chunkSamples];
        this.tensors = batched ? null : model.newInputs(input.length, sampleRateHz);
    }

    @Override
    public int sampleRateHz() {
        return sampleRateHz;
    }

    @Override
    public int chunkSamples() {
        return chunkSamples;
    }

    @Override
    public float speechProbability(float[] chunk) {
        if (chunk.length != chunkSamples) {
            throw new IllegalArgumentException("VAD chunk must be " + chunkSamples + " samples, got " + chunk.length);
        }
        if (closed) {
            throw new IllegalStateException("VAD analyzer is closed"); // its native tensors are freed
        }
        System.arraycopy(chunk, 0, input, contextSamples, chunkSamples);
        float probability = tensors == null ? model.runBatched(input, state, sampleRateHz)
                : model.run(tensors, input, state);
        // the tail of this chunk is the context of the next
        System.arraycopy(input, chunkSamples, input, 0, contextSamples);
        return probability;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(state, 0f);
        java.util.Arrays.fill(input, 0f);
    }

    /** Frees the native input tensors; the analyzer is unusable afterwards. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (tensors != null) {
                tensors.close();
            }
        }
    }
}
