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
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 */
public final class SileroVadModel implements AutoCloseable {
    /** File name of the model inside the models directory. */
    public static final String FILE_NAME = "silero_vad.onnx";
    static final int STATE_SIZE = 2 * 128;
    /** How long {@link #close()} waits for inferences in flight (each takes well under a millisecond). */
    static final long CLOSE_WAIT_MS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(SileroVadModel.class);

    private final Path file;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;
    private boolean sessionFreed; // guarded by the write lock

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

    /** A fresh per-call analyzer at 16000 Hz (512-sample chunks) or 8000 Hz (256-sample chunks). */
    public VadAnalyzer newAnalyzer(int sampleRateHz) {
        return new VadAnalyzer(this, sampleRateHz);
    }

    /**
     * The native input tensors of one analyzer, reused for every chunk: they are backed by direct buffers that ONNX
     * Runtime reads in place, so a run allocates no input memory (creating three tensors per 32 ms chunk copied each
     * input into a fresh direct buffer with a cleaner, for every call). Close with the call.
     */
    Inputs newInputs(int inputSamples, long sampleRateHz) {
        return new Inputs(inputSamples, sampleRateHz);
    }

    final class Inputs implements AutoCloseable {
        private final FloatBuffer input;
        private final FloatBuffer state;
        private final OnnxTensor inputTensor;
        private final OnnxTensor stateTensor;
        private final OnnxTensor srTensor;
        private final Map<String, OnnxTensor> feed;

        private Inputs(int inputSamples, long sampleRateHz) {
            this.input = directFloats(inputSamples);
            this.state = directFloats(STATE_SIZE);
            try {
                this.inputTensor = OnnxTensor.createTensor(env, input, new long[] {1, inputSamples});
                this.stateTensor = OnnxTensor.createTensor(env, state, new long[] {2, 1, 128});
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
            }
        } catch (OrtException e) {
            throw new VadModelException("cannot close VAD model " + file + ": " + e.getMessage(), e);
        } finally {
            exclusive.unlock();
        }
    }
}
