package io.moked.tts.g2p;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.moked.engine.EngineException;

import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;

/** onnxruntime plumbing shared by the G2P adapters and the Piper voice runner. */
public final class OnnxSessions {
    private OnnxSessions() {
    }

    /** A CPU session with {@code threads} intra-op threads (the engine executor already runs calls in parallel). */
    public static OrtSession open(String engine, Path file, int threads) throws EngineException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return env.createSession(file.toString(), options);
        } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
            throw new EngineException(engine, "cannot load ONNX model " + file + ": " + e.getMessage(), e);
        }
    }

    /** An int64 tensor of shape [1, n]. */
    public static OnnxTensor row(long[] values) throws OrtException {
        return OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), LongBuffer.wrap(values),
                new long[] {1, values.length});
    }

    /** Custom metadata of the model ({@code metadata_props}). */
    public static Map<String, String> metadata(String engine, OrtSession session) throws EngineException {
        try {
            return session.getMetadata().getCustomMetadata();
        } catch (OrtException e) {
            throw new EngineException(engine, "cannot read the model's metadata: " + e.getMessage(), e);
        }
    }

    /** The [1, T, C] float output {@code name} as [T][C]. */
    public static float[][] logits(String engine, OrtSession.Result result, String name) throws EngineException {
        Object value;
        try {
            value = result.get(name).orElseThrow(() -> new EngineException(engine, "the model has no output " + name))
                    .getValue();
        } catch (OrtException e) {
            throw new EngineException(engine, "cannot read output " + name + ": " + e.getMessage(), e);
        }
        if (!(value instanceof float[][][] batch) || batch.length != 1) {
            throw new EngineException(engine, "output " + name + " is not float [1, T, C]");
        }
        return batch[0];
    }

    static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}
