package io.moked.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moked.testing.SharedDir;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Batched Silero inference (several calls' chunks in one {@code OrtSession.run}, {@code input} [B, samples],
 * {@code state} [2, B, 128]) gives each call exactly what its own unbatched run gives, on the real model.
 */
class VadBatchingTest {
    static final int RATE = 8000;
    static final int CHUNK = 256;
    static final int CONTEXT = 32;
    static final int CHUNKS = 120;
    static final int CALLS = 6;

    /** Audio that differs per call (pitch, burst rhythm, noise seed) so probabilities and states differ. */
    static float[] chunk(int call, int c, Random noise) {
        return chunk(call, c, noise, RATE);
    }

    static float[] chunk(int call, int c, Random noise, int rate) {
        int size = rate == 16000 ? 512 : CHUNK;
        float[] samples = new float[size];
        for (int i = 0; i < size; i++) {
            double t = (c * size + i) / (double) rate;
            boolean voiced = ((c + 7 * call) / (12 + 3 * call)) % 2 == 0;
            samples[i] = (float) (voiced ? 0.3 * Math.sin(2 * Math.PI * (140 + 25 * call) * t)
                    * (1 + 0.5 * Math.sin(2 * Math.PI * 3 * t)) : 0.01 * noise.nextGaussian());
        }
        return samples;
    }

    /** One call's side of a batch: its own context + chunk and state, as {@link VadAnalyzer} keeps them. */
    static final class Call {
        final int id;
        final float[] input = new float[CONTEXT + CHUNK];
        final float[] state = new float[SileroVadModel.STATE_SIZE];
        final Random noise;
        final VadAnalyzer reference;
        int next;

        Call(int id, SileroVadModel model) {
            this.id = id;
            this.noise = new Random(100 + id);
            this.reference = model.newAnalyzer(RATE);
        }
    }

    @Test
    void batchedProbabilitiesEqualUnbatchedAsCallsJoinAndLeave() {
        try (SileroVadModel model = SileroVadModel.load(SharedDir.sileroVadModel())) {
            List<Call> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                calls.add(new Call(i, model));
            }
            float max = 0f;
            int compared = 0;
            for (int step = 0; step < CHUNKS; step++) {
                // call i is live from step 10*i to step 60 + 10*i: batches grow, shrink and change members
                List<Call> due = new ArrayList<>();
                for (Call call : calls) {
                    if (step >= 10 * call.id && step < 60 + 10 * call.id) {
                        due.add(call);
                    }
                }
                if (due.isEmpty()) {
                    continue;
                }
                float[][] inputs = new float[due.size()][];
                float[][] states = new float[due.size()][];
                float[] expected = new float[due.size()];
                for (int b = 0; b < due.size(); b++) {
                    Call call = due.get(b);
                    float[] samples = chunk(call.id, call.next++, call.noise);
                    System.arraycopy(samples, 0, call.input, CONTEXT, CHUNK);
                    inputs[b] = call.input;
                    states[b] = call.state;
                    expected[b] = call.reference.speechProbability(samples);
                }
                float[] actual = model.runTogether(inputs, states, RATE);
                for (int b = 0; b < due.size(); b++) {
                    Call call = due.get(b);
                    assertEquals(expected[b], actual[b], 1e-5f, "call " + call.id + " chunk " + (call.next - 1)
                            + " in a batch of " + due.size());
                    System.arraycopy(call.input, CHUNK, call.input, 0, CONTEXT);
                    max = Math.max(max, actual[b]);
                    compared++;
                }
            }
            assertTrue(max > 0.1f, "probabilities never moved: " + max);
            assertEquals(CALLS * 60, compared);
            calls.forEach(c -> c.reference.close());
        }
    }

    @Test
    void concurrentBatchedAnalyzersGiveEachCallItsOwnProbabilities() throws Exception {
        // odd calls at 16 kHz: a queue holding both rates runs one inference per rate
        try (SileroVadModel model = SileroVadModel.load(SharedDir.sileroVadModel())) {
            int threads = 4;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CyclicBarrier tick = new CyclicBarrier(threads); // all chunks of a "32 ms tick" are due together
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    done.add(pool.submit(() -> {
                        int rate = id % 2 == 1 ? 16000 : RATE;
                        VadAnalyzer batched = model.newAnalyzer(rate, true);
                        VadAnalyzer alone = model.newAnalyzer(rate);
                        Random noise = new Random(100 + id);
                        for (int c = 0; c < CHUNKS; c++) {
                            float[] samples = chunk(id, c, noise, rate);
                            float expected = alone.speechProbability(samples);
                            tick.await(30, TimeUnit.SECONDS);
                            assertEquals(expected, batched.speechProbability(samples), 1e-5f, "call " + id + " chunk " + c);
                        }
                        batched.close();
                        alone.close();
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(threads * CHUNKS, model.batchedChunks());
            System.out.printf("batched VAD: %d chunks in %d inferences%n", model.batchedChunks(),
                    model.batchedInferences());
        }
    }

    @Test
    void chunksQueuedWhileAnInferenceRunsShareTheNextOneByRate() throws Exception {
        try (SileroVadModel model = SileroVadModel.load(SharedDir.sileroVadModel())) {
            int[] rates = {8000, 16000, 8000, 16000, 8000};
            ExecutorService pool = Executors.newFixedThreadPool(rates.length);
            try {
                float[][] samples = new float[rates.length][];
                float[] expected = new float[rates.length];
                for (int i = 0; i < rates.length; i++) {
                    samples[i] = chunk(i, 3, new Random(i), rates[i]);
                    try (VadAnalyzer alone = model.newAnalyzer(rates[i])) {
                        expected[i] = alone.speechProbability(samples[i]);
                    }
                }
                List<Future<Float>> results = new ArrayList<>();
                model.combinerLock().lock(); // as if an inference were running: every call's chunk queues
                try {
                    for (int i = 0; i < rates.length; i++) {
                        VadAnalyzer batched = model.newAnalyzer(rates[i], true);
                        float[] chunk = samples[i];
                        results.add(pool.submit(() -> {
                            try (batched) {
                                return batched.speechProbability(chunk);
                            }
                        }));
                    }
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (model.queuedChunks() < rates.length && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    assertEquals(rates.length, model.queuedChunks(), "all chunks wait for the running inference");
                } finally {
                    model.combinerLock().unlock();
                }
                for (int i = 0; i < rates.length; i++) {
                    assertEquals(expected[i], results.get(i).get(30, TimeUnit.SECONDS), 1e-5f, "call " + i);
                }
                assertEquals(rates.length, model.batchedChunks());
                assertEquals(2, model.batchedInferences(), "one inference for the 8 kHz calls, one for the 16 kHz");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aLoneCallRunsItsChunkAtOnceWithoutWaitingForOthers() {
        try (SileroVadModel model = SileroVadModel.load(SharedDir.sileroVadModel())) {
            VadAnalyzer batched = model.newAnalyzer(RATE, true);
            VadAnalyzer alone = model.newAnalyzer(RATE);
            Random a = new Random(5);
            Random b = new Random(5);
            for (int c = 0; c < 40; c++) {
                // returns on this thread with its own chunk run: one inference of batch size 1 per chunk, no timer
                float probability = batched.speechProbability(chunk(2, c, a));
                assertEquals(c + 1, model.batchedInferences(), "chunk " + c + " ran in its own inference at once");
                assertEquals(c + 1, model.batchedChunks());
                assertEquals(alone.speechProbability(chunk(2, c, b)), probability, 1e-5f);
            }
            batched.close();
            alone.close();
        }
    }

    @Test
    void aClosedModelRefusesBatchedChunksClearly() {
        SileroVadModel model = SileroVadModel.load(SharedDir.sileroVadModel());
        VadAnalyzer batched = model.newAnalyzer(RATE, true);
        batched.speechProbability(new float[CHUNK]);
        model.close();
        assertThrows(VadModelClosedException.class, () -> batched.speechProbability(new float[CHUNK]));
        batched.close();
    }

    @Test
    void chunksQueuedWhenTheModelClosesAreRefusedAndNoCallHangs() throws Exception {
        SileroVadModel model = SileroVadModel.load(SharedDir.sileroVadModel());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Float>> results = new ArrayList<>();
            model.combinerLock().lock(); // a running inference: the chunks queue behind it
            try {
                for (int i = 0; i < 3; i++) {
                    VadAnalyzer batched = model.newAnalyzer(RATE, true);
                    results.add(pool.submit(() -> batched.speechProbability(new float[CHUNK])));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (model.queuedChunks() < 3 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertEquals(3, model.queuedChunks());
                model.close(); // refuses new runs; no run holds the read lock, so the session is freed now
            } finally {
                model.combinerLock().unlock();
            }
            for (Future<Float> result : results) {
                java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> result.get(30, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof VadModelClosedException, String.valueOf(e.getCause()));
            }
            assertEquals(0, model.batchedInferences(), "nothing ran on the freed session");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Prints ms per 100 calls' worth of chunks, one run per call vs one batched run (no assertion: a benchmark). */
    @Test
    void benchmarkHundredCallsBatchedVsUnbatched() {
        int calls = 100;
        int rounds = 200;
        try (SileroVadModel model = SileroVadModel.load(SharedDir.sileroVadModel())) {
            List<VadAnalyzer> analyzers = new ArrayList<>();
            List<VadAnalyzer> loneBatched = new ArrayList<>(); // batch mode on, but one pipeline thread: batches of 1
            float[][] inputs = new float[calls][CONTEXT + CHUNK];
            float[][] states = new float[calls][SileroVadModel.STATE_SIZE];
            float[][] chunks = new float[calls][];
            Random noise = new Random(1);
            for (int i = 0; i < calls; i++) {
                analyzers.add(model.newAnalyzer(RATE));
                loneBatched.add(model.newAnalyzer(RATE, true));
                chunks[i] = chunk(i % 7, i, noise);
                System.arraycopy(chunks[i], 0, inputs[i], CONTEXT, CHUNK);
            }
            for (int warm = 0; warm < 20; warm++) {
                for (int i = 0; i < calls; i++) {
                    analyzers.get(i).speechProbability(chunks[i]);
                    loneBatched.get(i).speechProbability(chunks[i]);
                }
                model.runTogether(inputs, states, RATE);
            }
            long t0 = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < calls; i++) {
                    analyzers.get(i).speechProbability(chunks[i]);
                }
            }
            long t1 = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                model.runTogether(inputs, states, RATE);
            }
            long t2 = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < calls; i++) {
                    loneBatched.get(i).speechProbability(chunks[i]);
                }
            }
            long t3 = System.nanoTime();
            System.out.printf("VAD %d calls x 1 chunk (8 kHz, 32 ms): unbatched %.3f ms, one batched run %.3f ms,"
                    + " batch mode from one thread (batches of 1) %.3f ms per tick%n",
                    calls, (t1 - t0) / 1e6 / rounds, (t2 - t1) / 1e6 / rounds, (t3 - t2) / 1e6 / rounds);
            analyzers.forEach(VadAnalyzer::close);
            loneBatched.forEach(VadAnalyzer::close);
        }
    }
}
