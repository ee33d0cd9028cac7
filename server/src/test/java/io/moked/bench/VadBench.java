package io.moked.bench;

import io.moked.engine.SharedDir;
import io.moked.engine.TestWav;
import io.moked.vad.SileroVadModel;
import io.moked.vad.VadAnalyzer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Silero VAD in the engine bench: load time and the time per chunk (32 ms of audio: 256 samples at 8 kHz, the call
 * path's rate, and 512 at 16 kHz) over a Hebrew evaluation clip, as the call path runs it (one analyzer, chunk by
 * chunk, single-threaded onnxruntime session).
 */
final class VadBench {
    private static final String CLIP = "eval/hebrew-speech/audio/hebdb_gt/hebdb_gt_01.wav";
    private static final int ROUNDS = Integer.getInteger("bench.vad.rounds", 5);

    private VadBench() {
    }

    static void run(BenchModels models, BenchModels.Identity id) throws Exception {
        models.benchmarked("silero", id);
        float[] speech16k = TestWav.read16k(SharedDir.find().resolve(CLIP));
        long t0 = System.nanoTime();
        try (SileroVadModel model = SileroVadModel.load(id.path())) {
            double loadMs = (System.nanoTime() - t0) / 1e6;
            float[] speech8k = new float[speech16k.length / 2];
            for (int i = 0; i < speech8k.length; i++) {
                speech8k[i] = speech16k[2 * i]; // decimated: the timing, not the probabilities, is measured
            }
            double[] at8k = perChunk(model, 8_000, speech8k);
            double[] at16k = perChunk(model, 16_000, speech16k);
            models.record(id, at8k[0], "per 32 ms chunk at 8 kHz (mean)");
            System.out.printf(Locale.ROOT, "| vad | %s%s | load %.0f ms (first onnxruntime session of the process) | per 32 ms chunk: 8 kHz mean %.3f ms, "
                            + "p99 %.3f ms; 16 kHz mean %.3f ms, p99 %.3f ms | RTF %.4f at 8 kHz (%d chunks x %d) |%n",
                    id.file(), id.label(), loadMs, at8k[0], at8k[1], at16k[0], at16k[1], at8k[0] / 32.0,
                    (int) at8k[2], ROUNDS);
        }
    }

    /** {mean ms, p99 ms, chunks per round} over ROUNDS passes of the clip. */
    private static double[] perChunk(SileroVadModel model, int rateHz, float[] pcm) {
        try (VadAnalyzer vad = model.newAnalyzer(rateHz)) {
            int chunk = vad.chunkSamples();
            int chunks = pcm.length / chunk;
            double[] ms = new double[chunks * ROUNDS];
            int n = 0;
            for (int round = 0; round < ROUNDS; round++) {
                vad.reset();
                for (int c = 0; c < chunks; c++) {
                    float[] in = Arrays.copyOfRange(pcm, c * chunk, (c + 1) * chunk);
                    long s = System.nanoTime();
                    vad.speechProbability(in);
                    ms[n++] = (System.nanoTime() - s) / 1e6;
                }
            }
            double mean = Arrays.stream(ms).average().orElse(0);
            Arrays.sort(ms);
            return new double[] {mean, ms[Math.min(ms.length - 1, (int) Math.ceil(ms.length * 0.99) - 1)], chunks};
        }
    }
}
