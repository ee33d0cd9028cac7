package io.moked.vad;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Silero VAD v6 ONNX model, loaded once per process and shared by all calls: an {@link OrtSession} is
 * thread-safe for concurrent {@code run}s, and each call keeps its own recurrent state in a {@link VadAnalyzer}.
 * Each run is single-threaded (intra/inter-op threads = 1) because the parallelism comes from concurrent calls
 * and a 32 ms chunk is far too small to split.
 *
 * <p>Model I/O (silero-vad v5/v6): {@code input} float[1][context + chunk], {@code state} float[2][1][128],
 * {@code sr} int64 scalar; outputs {@code output} float[1][1] (speech probability) and {@code stateN}.
 *
 * <p>Closing is safe while calls still run inference: closing a native session under a running {@code run}
 * crashes the JVM inside onnxruntime. Every run holds the read side of a lock; {@link #close()} first refuses new
 * runs ({@link VadModelClosedException}), then takes the write side, i.e. waits for the runs in flight, and only then
 * frees the session.
 *
 * <p>Batching ({@code moked.vad.batch}, {@link #runBatched}): calls whose chunks are due while an inference is
 * running share the next one, {@code input} float[B][context + chunk] and {@code state} float[2][B][128], instead of
 * one {@code OrtSession.run} each. It is flat combining without a timer: a pipeline thread queues its chunk and
 * takes the combiner lock; whoever holds it runs everything queued (its own chunk included) in one inference and
 * hands each call its probability and new state row. When idle the first thread gets the lock at once and runs its
 * chunk alone, so a lone call never waits for others. Per-call state stays in the calling {@link VadAnalyzer}.
 * With one pipeline thread (the appliance pinned to one core) that combiner only ever sees one chunk, so the
 * appliance also starts a {@link VadBatcher} ({@link #startBatcher}): calls submit their chunks to it without
 * waiting, and it runs the chunks of all calls due within a short window as one inference.
 */
public final class SileroVadModel implements AutoCloseable {
    /** File name of the model inside the models directory. */
    public static final String FILE_NAME = "silero_vad.onnx";
    static final int STATE_SIZE = 2 * 128;
    /** How long {@link #close()} waits for inferences in flight (each takes well under a millisecond). */
    static final long CLOSE_WAIT_MS = 5_000;
    /** Most chunks one batched inference takes; more queued chunks go to the next one. Bounds the tensor cache. */
    static final int MAX_BATCH = 128;

    private static final Logger LOG = LoggerFactory.getLogger(SileroVadModel.class);

    private final Path file;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;
    private boolean sessionFreed; // guarded by the write lock
    /** Chunks waiting for a batched inference; at most one per blocked pipeline thread. */
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    /** Held by the thread running a batched inference for everyone queued. */
    private final ReentrantLock combiner = new ReentrantLock();
    /** Reusable batch tensors by (sample rate, batch size); guarded by {@link #combiner}. */
    private final Map<Long, Inputs> batchInputs = new HashMap<>();
    /** Batched inferences run and chunks they carried (chunks / inferences = mean batch size). */
    private final java.util.concurrent.atomic.LongAdder batchedInferences = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder batchedChunks = new java.util.concurrent.atomic.LongAdder();

    /** Started by {@link #startBatcher}; null: batched analyzers share inferences by flat combining only. */
    private volatile VadBatcher batcher;

    private SileroVadModel(Path file, OrtEnvironment env, OrtSession session) {
        this.file = file;
        this.env = env;
        this.session = session;
    }

    public static SileroVadModel load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new VadModelException("VAD model " + file + " not found");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = env.createSession(file.toString(), options);
            if (!session.getInputNames().containsAll(java.util.List.of("input", "state", "sr"))) {
                session.close();
                throw new VadModelException("VAD model " + file + " is not a Silero VAD v5/v6 model (inputs "
                        + session.getInputNames() + ")");
            }
            return new SileroVadModel(file, env, session);
        } catch (OrtException e) {
            throw new VadModelException("cannot load VAD model " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** A fresh per-call analyzer at 16000 Hz (512-sample chunks) or 8000 Hz (256-sample chunks), one run per chunk. */
    public VadAnalyzer newAnalyzer(int sampleRateHz) {
        return newAnalyzer(sampleRateHz, false);
    }

    /** As {@link #newAnalyzer(int)}; {@code batched}: its chunks share inferences with other calls' ({@link #runBatched}). */
    public VadAnalyzer newAnalyzer(int sampleRateHz, boolean batched) {
        return new VadAnalyzer(this, sampleRateHz, batched);
    }

    /**
     * Starts the process-wide {@link VadBatcher} (thread {@code moked-vad}): batched analyzers created from now on
     * hand their chunks to it asynchronously ({@link VadAnalyzer#submit}). Stopped by {@link #close()}. Idempotent.
     *
     * @param windowMs how long a tick waits for more calls' chunks after the first ({@code moked.vad.batch-window-ms})
     */
    public synchronized void startBatcher(int windowMs) {
        if (closed) {
            throw new VadModelClosedException("VAD model " + file + " is closed (the appliance is shutting down)");
        }
        if (batcher == null) {
            batcher = new VadBatcher(this, windowMs);
        }
    }

    /** The running batcher, or null when none was started. */
    VadBatcher batcher() {
        return batcher;
    }

    /**
     * The native input tensors of one analyzer, reused for every chunk: they are backed by direct buffers that ONNX
     * Runtime reads in place, so a run allocates no input memory (creating three tensors per 32 ms chunk copied each
     * input into a fresh direct buffer with a cleaner, for every call). Close with the call.
     */
    Inputs newInputs(int inputSamples, long sampleRateHz) {
        return new Inputs(1, inputSamples, sampleRateHz);
    }

    final class Inputs implements AutoCloseable {
        private final FloatBuffer input;
        private final FloatBuffer state;
        private final OnnxTensor inputTensor;
        private final OnnxTensor stateTensor;
        private final OnnxTensor srTensor;
        private final Map<String, OnnxTensor> feed;

        private Inputs(int batch, int inputSamples, long sampleRateHz) {
            this.input = directFloats(batch * inputSamples);
            this.state = directFloats(batch * STATE_SIZE);
            try {
                this.inputTensor = OnnxTensor.createTensor(env, input, new long[] {batch, inputSamples});
                this.stateTensor = OnnxTensor.createTensor(env, state, new long[] {2, batch, 128});
                this.srTensor = OnnxTensor.createTensor(env, sampleRateHz);
            } catch (OrtException e) {
                throw new VadModelException("cannot create VAD input tensors: " + e.getMessage(), e);
            }
            this.feed = Map.of("input", inputTensor, "state", stateTensor, "sr", srTensor);
        }

        @Override
        public void close() {
            inputTensor.close();
            stateTensor.close();
            srTensor.close();
        }
    }

    private static FloatBuffer directFloats(int count) {
        return ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /**
     * One inference. {@code state} (2*128 floats) is read and replaced with the new state.
     *
     * @param tensors this analyzer's reusable input tensors (see {@link #newInputs})
     * @param input context followed by the chunk
     * @throws VadModelClosedException once {@link #close()} has begun
     */
    float run(Inputs tensors, float[] input, float[] state) {
        ReentrantReadWriteLock.ReadLock running = lifecycle.readLock();
        running.lock();
        try {
            if (closed) {
                throw new VadModelClosedException("VAD model " + file + " is closed (the appliance is shutting down)");
            }
            return infer(tensors, input, state);
        } finally {
            running.unlock();
        }
    }

    private float infer(Inputs tensors, float[] input, float[] state) {
        tensors.input.clear();
        tensors.input.put(input);
        tensors.state.clear();
        tensors.state.put(state);
        try (OrtSession.Result result = session.run(tensors.feed)) {
            float probability = ((OnnxTensor) result.get(0)).getFloatBuffer().get(0);
            FloatBuffer newState = ((OnnxTensor) result.get(1)).getFloatBuffer();
            newState.get(state, 0, STATE_SIZE);
            return probability;
        } catch (OrtException e) {
            throw new VadModelException("VAD inference failed: " + e.getMessage(), e);
        }
    }

    /** One call's chunk waiting for a batched inference; written by the combiner (or the {@link VadBatcher}), read after {@link #done}. */
    static final class Pending {
        final float[] input;
        final float[] state;
        final long sampleRateHz;
        float probability;
        RuntimeException failure;
        volatile boolean done;

        Pending(float[] input, float[] state, long sampleRateHz) {
            this.input = input;
            this.state = state;
            this.sampleRateHz = sampleRateHz;
        }
    }

    /**
     * Like {@link #run} but shares one inference with the other calls' chunks queued meanwhile (see the class
     * comment). Blocks the calling pipeline thread until its chunk has run: never call it on a Netty event loop.
     *
     * @param input context followed by the chunk, {@code state} (2*128 floats) read and replaced, as for {@link #run}
     * @throws VadModelClosedException once {@link #close()} has begun
     */
    float runBatched(float[] input, float[] state, long sampleRateHz) {
        if (closed) {
            throw new VadModelClosedException("VAD model " + file + " is closed (the appliance is shutting down)");
        }
        Pending mine = new Pending(input, state, sampleRateHz);
        pending.add(mine);
        while (!mine.done) {
            combiner.lock();
            try {
                if (!mine.done) {
                    runQueued();
                }
            } finally {
                combiner.unlock();
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.probability;
    }

    /** Tests: the lock a running batched inference holds, and how many chunks wait for the next one. */
    ReentrantLock combinerLock() {
        return combiner;
    }

    int queuedChunks() {
        return pending.size();
    }

    long batchedInferences() {
        return batchedInferences.sum();
    }

    long batchedChunks() {
        return batchedChunks.sum();
    }

    /**
     * Tests and the benchmark: runs these chunks (context + chunk each, states read and replaced) as one batched
     * inference, exactly as the combiner does, and returns their probabilities.
     */
    float[] runTogether(float[][] inputs, float[][] states, long sampleRateHz) {
        if (inputs.length == 0 || inputs.length > MAX_BATCH) {
            throw new IllegalArgumentException("batch of 1.." + MAX_BATCH + " chunks, got " + inputs.length);
        }
        List<Pending> batch = new ArrayList<>(inputs.length);
        for (int i = 0; i < inputs.length; i++) {
            batch.add(new Pending(inputs[i], states[i], sampleRateHz));
        }
        combiner.lock();
        try {
            inferBatch(batch, sampleRateHz);
        } finally {
            combiner.unlock();
        }
        float[] probabilities = new float[inputs.length];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = batch.get(i).probability;
        }
        return probabilities;
    }

    /** Under {@link #combiner}: runs up to {@link #MAX_BATCH} queued chunks, one inference per sample rate. */
    private void runQueued() {
        List<Pending> drained = new ArrayList<>();
        Pending next;
        while (drained.size() < MAX_BATCH && (next = pending.poll()) != null) {
            drained.add(next);
        }
        runDrained(drained);
    }

    /**
     * One step of a {@link VadBatcher} tick: runs these chunks (at most {@link #MAX_BATCH}) as one inference per sample rate,
     * under the combiner lock (the batch tensor cache is shared with {@link #runBatched}). Inference failures are the
     * chunks' own ({@link Pending#failure}); every chunk ends {@link Pending#done}, even when an Error escapes.
     */
    void runAll(List<Pending> batch) {
        combiner.lock();
        try {
            runDrained(batch);
        } finally {
            combiner.unlock();
        }
    }

    private void runDrained(List<Pending> drained) {
        try {
            List<Pending> batch = drained;
            while (!batch.isEmpty()) {
                Pending first = batch.get(0);
                List<Pending> sameRate = batch;
                List<Pending> rest = List.of();
                if (batch.stream().anyMatch(p -> p.sampleRateHz != first.sampleRateHz
                        || p.input.length != first.input.length)) {
                    // mixed rates (one process-wide rate in the appliance; tests mix them): one inference per rate
                    sameRate = new ArrayList<>(batch.size());
                    rest = new ArrayList<>();
                    for (Pending p : batch) {
                        (p.sampleRateHz == first.sampleRateHz && p.input.length == first.input.length
                                ? sameRate : rest).add(p);
                    }
                }
                try {
                    inferBatch(sameRate, first.sampleRateHz);
                } catch (RuntimeException e) {
                    for (Pending p : sameRate) {
                        p.failure = e;
                    }
                }
                for (Pending p : sameRate) {
                    p.done = true;
                }
                batch = rest;
            }
        } finally {
            // even on an Error every drained call is released with a failure: none waits for a run that ended
            for (Pending p : drained) {
                if (!p.done) {
                    p.failure = new VadModelException("VAD inference did not complete");
                    p.done = true;
                }
            }
        }
    }

    private void inferBatch(List<Pending> batch, long sampleRateHz) {
        ReentrantReadWriteLock.ReadLock running = lifecycle.readLock();
        running.lock();
        try {
            if (closed) {
                throw new VadModelClosedException("VAD model " + file + " is closed (the appliance is shutting down)");
            }
            int size = batch.size();
            int samples = batch.get(0).input.length;
            Inputs tensors = batchInputs.computeIfAbsent(sampleRateHz * (MAX_BATCH + 1) + size,
                    k -> new Inputs(size, samples, sampleRateHz));
            tensors.input.clear();
            tensors.state.clear();
            for (Pending p : batch) {
                tensors.input.put(p.input);
            }
            // state is [2 layers][B][128]: each call's row sits in both layer blocks
            for (int layer = 0; layer < 2; layer++) {
                for (Pending p : batch) {
                    tensors.state.put(p.state, layer * 128, 128);
                }
            }
            batchedInferences.increment();
            batchedChunks.add(size);
            try (OrtSession.Result result = session.run(tensors.feed)) {
                FloatBuffer probabilities = ((OnnxTensor) result.get(0)).getFloatBuffer();
                FloatBuffer newState = ((OnnxTensor) result.get(1)).getFloatBuffer();
                for (int i = 0; i < size; i++) {
                    Pending p = batch.get(i);
                    p.probability = probabilities.get(i);
                    newState.get((i) * 128, p.state, 0, 128);
                    newState.get((size + i) * 128, p.state, 128, 128);
                }
            } catch (OrtException e) {
                throw new VadModelException("VAD inference failed: " + e.getMessage(), e);
            }
        } finally {
            running.unlock();
        }
    }

    /**
     * Under the write lock: no batch can be running. A combiner that queued before close may still hold its lock
     * (waiting for the read side); then its tensors stay (tiny, and the process is going away) rather than wait here.
     */
    private void freeBatchTensors() {
        if (combiner.tryLock()) {
            try {
                batchInputs.values().forEach(Inputs::close);
                batchInputs.clear();
            } finally {
                combiner.unlock();
            }
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Refuses new inferences, waits for those in flight, then frees the native session. If inferences are still
     * running after {@link #CLOSE_WAIT_MS} the session is left open (the process is going away; freeing it under a
     * running inference would crash it). Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        VadBatcher running;
        synchronized (this) { // startBatcher either finished (seen here) or sees closed
            running = batcher;
        }
        if (running != null) {
            running.stop(CLOSE_WAIT_MS); // its inference in flight ends, the chunks queued are refused
        }
        ReentrantReadWriteLock.WriteLock exclusive = lifecycle.writeLock();
        boolean acquired;
        try {
            acquired = exclusive.tryLock(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while waiting for VAD inferences to finish; VAD model {} left open", file);
            return;
        }
        if (!acquired) {
            LOG.warn("VAD inferences still running after {} ms; VAD model {} left open", CLOSE_WAIT_MS, file);
            return;
        }
        try {
            if (!sessionFreed) {
                sessionFreed = true;
                session.close();
                freeBatchTensors();
            }
        } catch (OrtException e) {
            throw new VadModelException("cannot close VAD model " + file + ": " + e.getMessage(), e);
        } finally {
            exclusive.unlock();
        }
    }
}
