package io.moked.vad;

/**
 * Per-call Silero VAD: keeps the model's recurrent state and the audio context between chunks (the model expects
 * the last 64 samples at 16 kHz / 32 at 8 kHz of the previous chunk in front of each new one). Not thread-safe;
 * the shared {@link SileroVadModel} is. Unbatched it holds native input tensors; batched its chunks share the
 * model's batch inference: handed to the model's {@link VadBatcher} without waiting ({@link #submit}) when one
 * runs, else by flat combining ({@link SileroVadModel#runBatched}). {@link #close()} it when the call ends.
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
    /** The batcher this analyzer submits to, or null (synchronous analysis only). */
    private final VadBatcher batcher;
    /** Submitted chunks have not come back: {@link #input} and {@link #state} belong to the batcher meanwhile. */
    private volatile boolean inFlight;
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
        this.batcher = batched ? model.batcher() : null;
        if (batcher != null) {
            batcher.opened(); // the batcher's tick waits for at most this many chunks
        }
    }

    @Override
    public int sampleRateHz() {
        return sampleRateHz;
    }

    @Override
    public int chunkSamples() {
        return chunkSamples;
    }

    /** Whether {@link #submit} is available: batched, and the model's {@link VadBatcher} runs. */
    @Override
    public boolean asynchronous() {
        return batcher != null;
    }

    @Override
    public float speechProbability(float[] chunk) {
        prepare(chunk);
        float probability = tensors == null ? model.runBatched(input, state, sampleRateHz)
                : model.run(tensors, input, state);
        advanceContext();
        return probability;
    }

    /**
     * Hands consecutive chunks to the model's batcher and returns at once; they run in order, each in a batched
     * inference with other calls' chunks, and {@code onDone} gets their probabilities on the batcher's thread. One
     * submission at a time: submit again (or call {@link #speechProbability}) only after {@code onDone} was called.
     * The chunk arrays must stay unchanged until then.
     *
     * @throws VadModelClosedException when the model is closing
     */
    @Override
    public void submit(java.util.List<float[]> chunks, ProbabilityCallback onDone) {
        if (batcher == null) {
            throw new IllegalStateException("VAD analyzer is not asynchronous");
        }
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("no VAD chunks to submit");
        }
        for (float[] chunk : chunks) {
            check(chunk);
        }
        float[] probabilities = new float[chunks.size()];
        inFlight = true;
        try {
            batcher.submit(new VadBatcher.Job() {
                @Override
                public int chunks() {
                    return chunks.size();
                }

                @Override
                public SileroVadModel.Pending prepare(int i) {
                    System.arraycopy(chunks.get(i), 0, input, contextSamples, chunkSamples);
                    return new SileroVadModel.Pending(input, state, sampleRateHz);
                }

                @Override
                public void analysed(int i, float probability) {
                    probabilities[i] = probability;
                    advanceContext();
                }

                @Override
                public void done(int analysed, RuntimeException failure) {
                    inFlight = false;
                    onDone.done(probabilities, analysed, failure);
                }
            });
        } catch (RuntimeException e) {
            inFlight = false;
            throw e;
        }
    }

    private void prepare(float[] chunk) {
        check(chunk);
        System.arraycopy(chunk, 0, input, contextSamples, chunkSamples);
    }

    private void check(float[] chunk) {
        if (chunk.length != chunkSamples) {
            throw new IllegalArgumentException("VAD chunk must be " + chunkSamples + " samples, got " + chunk.length);
        }
        if (closed) {
            throw new IllegalStateException("VAD analyzer is closed"); // its native tensors are freed
        }
        if (inFlight) {
            throw new IllegalStateException("VAD analyzer has chunks in flight"); // its state is the batcher's
        }
    }

    /** The tail of this chunk is the context of the next. */
    private void advanceContext() {
        System.arraycopy(input, chunkSamples, input, 0, contextSamples);
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(state, 0f);
        java.util.Arrays.fill(input, 0f);
    }

    /**
     * Frees the native input tensors; the analyzer is unusable afterwards. An asynchronous analyzer holds no native
     * memory (the batch tensors are the model's), so closing it with a chunk in flight frees nothing in use.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (tensors != null) {
                tensors.close();
            }
            if (batcher != null) {
                batcher.closed();
            }
        }
    }
}
