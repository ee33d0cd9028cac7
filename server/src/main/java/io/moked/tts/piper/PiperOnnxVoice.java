package io.moked.tts.piper;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.moked.engine.EngineException;
import io.moked.tts.g2p.OnnxSessions;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A Piper voice run directly with onnxruntime from phoneme ids (the path for Hebrew voices). Why not piper-jni here:
 * its only way to take phonemes is a config rewritten to {@code "phoneme_type": "text"}, which makes piper case-fold
 * and split the input by code point itself — the ids cannot be seen, checked or tested, multi-id symbols and
 * per-clause streaming are out of reach — and its jar bundles Piper's GPL-3.0 native library. Running the voice's
 * ONNX here uses the same inputs piper does: {@code input} int64 [1, N], {@code input_lengths} int64 [1],
 * {@code scales} float [3] (noise, length, noise_w from the voice config) and {@code sid} int64 [1] for
 * multi-speaker voices; the output is float audio in [-1, 1] at the config's sample rate. Thread-safe.
 */
final class PiperOnnxVoice implements AutoCloseable {
    private static final float MAX_PCM = Short.MAX_VALUE;

    private final OrtSession session;
    private final PiperVoiceConfig config;
    private final boolean hasSpeakerInput;
    private final long speakerId;

    PiperOnnxVoice(String engine, Path model, PiperVoiceConfig config, int threads, long speakerId)
            throws EngineException {
        this.session = OnnxSessions.open(engine, model, threads);
        this.config = config;
        this.hasSpeakerInput = session.getInputNames().contains("sid");
        this.speakerId = speakerId;
    }

    PiperVoiceConfig config() {
        return config;
    }

    /** Speaks one clause's phoneme ids; returns mono PCM16 at the voice's rate (clipped, not normalised per clause). */
    short[] speak(String engine, long[] ids) throws EngineException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, ids.length}));
            inputs.put("input_lengths", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {ids.length}),
                    new long[] {1}));
            inputs.put("scales", OnnxTensor.createTensor(env, FloatBuffer.wrap(config.scales()), new long[] {3}));
            if (hasSpeakerInput) {
                inputs.put("sid", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {speakerId}),
                        new long[] {1}));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxValue out = result.get(0);
                float[] audio = flatten(out.getValue());
                short[] pcm = new short[audio.length];
                for (int i = 0; i < audio.length; i++) {
                    pcm[i] = (short) Math.max(-MAX_PCM, Math.min(MAX_PCM, Math.round(audio[i] * MAX_PCM)));
                }
                return pcm;
            }
        } catch (OrtException | RuntimeException e) {
            throw new EngineException(engine, "voice inference failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Piper voices output [1, 1, N] (some exports [1, N] or [N]). */
    private static float[] flatten(Object value) {
        if (value instanceof float[][][] a && a.length > 0 && a[0].length > 0) {
            return a[0][0];
        }
        if (value instanceof float[][] a && a.length > 0) {
            return a[0];
        }
        if (value instanceof float[] a) {
            return a;
        }
        throw new IllegalStateException("the voice's output is not float audio");
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // shutting down
        }
    }
}
