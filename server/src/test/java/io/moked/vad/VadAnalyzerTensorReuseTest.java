package io.moked.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.moked.testing.SharedDir;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The analyzer reuses its native input tensors for every chunk: each run must still see that chunk's audio and the
 * previous state, i.e. give exactly what fresh tensors per chunk (the plain ONNX Runtime way) give.
 */
class VadAnalyzerTensorReuseTest {
    static final int CHUNKS = 200;

    @Test
    void reusedTensorsGiveTheSameProbabilitiesAsFreshOnes() throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (SileroVadModel model = SileroVadModel.load(SharedDir.sileroVadModel());
                OrtSession reference = env.createSession(SharedDir.sileroVadModel().toString(),
                        new OrtSession.SessionOptions())) {
            VadAnalyzer analyzer = model.newAnalyzer(8000);
            int chunk = analyzer.chunkSamples();
            float[] context = new float[32];
            float[] state = new float[SileroVadModel.STATE_SIZE];
            Random random = new Random(7);
            float max = 0f;
            for (int c = 0; c < CHUNKS; c++) {
                float[] samples = new float[chunk];
                // alternate a voiced-like tone burst and noise so probabilities move
                for (int i = 0; i < chunk; i++) {
                    double t = (c * chunk + i) / 8000.0;
                    samples[i] = (float) ((c / 20) % 2 == 0 ? 0.3 * Math.sin(2 * Math.PI * 180 * t)
                            * (1 + 0.5 * Math.sin(2 * Math.PI * 3 * t)) : 0.01 * random.nextGaussian());
                }
                float[] input = new float[context.length + chunk];
                System.arraycopy(context, 0, input, 0, context.length);
                System.arraycopy(samples, 0, input, context.length, chunk);
                float expected;
                try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, input.length});
                        OnnxTensor st = OnnxTensor.createTensor(env, FloatBuffer.wrap(state), new long[] {2, 1, 128});
                        OnnxTensor sr = OnnxTensor.createTensor(env, 8000L);
                        OrtSession.Result result = reference.run(Map.of("input", in, "state", st, "sr", sr))) {
                    expected = ((float[][]) result.get(0).getValue())[0][0];
                    ((OnnxTensor) result.get(1)).getFloatBuffer().get(state);
                }
                System.arraycopy(input, chunk, context, 0, context.length);
                float actual = analyzer.speechProbability(samples);
                assertEquals(expected, actual, 1e-5f, "chunk " + c);
                max = Math.max(max, actual);
            }
            assertTrue(max > 0.01f, "probabilities never moved: " + max);
            analyzer.close();
            assertThrows(IllegalStateException.class, () -> analyzer.speechProbability(new float[chunk]));
        }
    }
}
