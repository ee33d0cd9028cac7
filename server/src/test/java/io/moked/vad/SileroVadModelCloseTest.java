package io.moked.vad;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moked.testing.SharedDir;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Closing the shared Silero model while calls still run inference (appliance shutdown) must neither crash the JVM
 * in onnxruntime nor give "Invalid input name" errors: runs in flight finish, later runs are refused with
 * {@link VadModelClosedException}.
 */
class SileroVadModelCloseTest {
    static final int ANALYZERS = 8;

    @Test
    void closeUnderConcurrentInferenceWaitsAndRefusesCleanly() throws Exception {
        SileroVadModel model = SileroVadModel.load(SharedDir.sileroVadModel());
        ExecutorService pool = Executors.newFixedThreadPool(ANALYZERS);
        CountDownLatch allRunning = new CountDownLatch(ANALYZERS);
        AtomicLong inferences = new AtomicLong();
        List<Future<Throwable>> ends = new ArrayList<>();
        for (int i = 0; i < ANALYZERS; i++) {
            int seed = i;
            ends.add(pool.submit(() -> {
                VadAnalyzer analyzer = model.newAnalyzer(8000);
                float[] chunk = new float[analyzer.chunkSamples()];
                Random random = new Random(seed);
                boolean counted = false;
                try {
                    while (true) {
                        for (int s = 0; s < chunk.length; s++) {
                            chunk[s] = (float) random.nextGaussian() * 0.1f;
                        }
                        float p = analyzer.speechProbability(chunk);
                        if (!(p >= 0f && p <= 1f)) {
                            return new AssertionError("probability out of range: " + p);
                        }
                        inferences.incrementAndGet();
                        if (!counted) {
                            counted = true;
                            allRunning.countDown();
                        }
                    }
                } catch (Throwable t) {
                    if (!counted) {
                        allRunning.countDown();
                    }
                    return t;
                }
            }));
        }
        assertTrue(allRunning.await(30, TimeUnit.SECONDS), "analyzers did not start");
        model.close();
        long atClose = inferences.get();
        assertTrue(model.isClosed());
        for (Future<Throwable> end : ends) {
            Throwable t = end.get(30, TimeUnit.SECONDS);
            assertTrue(t instanceof VadModelClosedException, "analyzer ended with " + t);
        }
        pool.shutdown();
        assertThrows(VadModelClosedException.class, () -> model.newAnalyzer(8000).speechProbability(new float[256]));
        model.close(); // idempotent
        assertTrue(atClose >= ANALYZERS, "analyzers ran before close: " + atClose);
    }
}
