package io.moked.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moked.audio.Pcm16;
import io.moked.audio.WavReader;
import io.moked.pipeline.CallEnd;
import io.moked.pipeline.EndFrame;
import io.moked.pipeline.Frame;
import io.moked.pipeline.InputAudioFrame;
import io.moked.pipeline.MetricsFrame;
import io.moked.pipeline.Pipeline;
import io.moked.pipeline.PipelineContext;
import io.moked.pipeline.SpeechPausedFrame;
import io.moked.pipeline.SpeechResumedFrame;
import io.moked.pipeline.SpeechSegmentFrame;
import io.moked.pipeline.UserSpeechDiscardedFrame;
import io.moked.pipeline.UserStartedSpeakingFrame;
import io.moked.pipeline.UserStoppedSpeakingFrame;
import io.moked.pipeline.processors.VadFrameProcessor;
import io.moked.testing.SharedDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous VAD path on the real Silero model: calls' chunks go to the model's {@link VadBatcher} and come
 * back through each call's {@link VadFrameProcessor}; the frames it emits must be exactly those of the synchronous
 * path (one call at a time, unbatched), and with ONE pipeline thread the chunks of many calls must meet in batches.
 */
class AsyncVadPipelineTest {
    static final int FRAME = 160;
    static final int WINDOW_MS = 4;

    private final List<ExecutorService> pools = new ArrayList<>();

    static void waitFor(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            Thread.sleep(2);
        }
    }

    @AfterEach
    void stopPools() {
        pools.forEach(ExecutorService::shutdownNow);
    }

    private ExecutorService pool(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        pools.add(pool);
        return pool;
    }

    /** Call {@code i}: two Hebrew utterances with silence around and between, lengths a whole number of 200 ms. */
    static List<short[]> calls(int count) throws IOException {
        Path root = SharedDir.resolve("eval/hebrew-speech");
        List<String> files = Files.readAllLines(root.resolve("transcripts_8k_ulaw.tsv"), StandardCharsets.UTF_8)
                .stream().map(line -> line.split("\t", 2)[0]).toList();
        List<short[]> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            short[] a = Pcm16.toShort(WavReader.read(root.resolve(files.get(i % files.size()))).samples());
            short[] b = Pcm16.toShort(WavReader.read(root.resolve(files.get((i + 7) % files.size()))).samples());
            int lead = (300 + 37 * i) * 8; // calls' chunks start at different phases
            int total = lead + a.length + 800 * 8 + b.length + 1500 * 8;
            total += (1600 - total % 1600) % 1600;
            short[] call = new short[total];
            System.arraycopy(a, 0, call, lead, a.length);
            System.arraycopy(b, 0, call, lead + a.length + 800 * 8, b.length);
            calls.add(call);
        }
        return calls;
    }

    /** One call's pipeline: the VAD processor alone, its emitted frames recorded. */
    static final class Call {
        final VadProcessor vad;
        final Pipeline pipeline;
        final List<String> emitted = new CopyOnWriteArrayList<>();
        final List<Frame> errors = new CopyOnWriteArrayList<>();
        final List<Long> lags = new CopyOnWriteArrayList<>();
        volatile int lagReports;

        final int id;

        Call(int id, SpeechProbabilitySource source, ExecutorService pool) {
            this.id = id;
            this.vad = new VadProcessor(source, VadParams.DEFAULTS).preemptAfterSilenceMs(250);
            PipelineContext context = new PipelineContext(pool, Map.of());
            context.addObserver((processor, frame, direction) -> {
                if (frame instanceof io.moked.pipeline.ErrorFrame) {
                    errors.add(frame);
                } else if (frame instanceof MetricsFrame m && m.stage() == MetricsFrame.Stage.INBOUND_LAG) {
                    lags.add(m.nanos());
                    lagReports++;
                } else {
                    String described = describe(frame);
                    if (described != null) {
                        emitted.add(described);
                    }
                }
            });
            this.pipeline = new Pipeline(List.of(new VadFrameProcessor(vad)), context, frame -> { });
        }

        /** Receive times from the clock (the benchmark's lag) instead of synthetic ones. */
        boolean clockTimes;

        void frame(short[] audio, int index) {
            // receive times are synthetic and distinct: the events carry the time of the frame that completed them
            pipeline.queue(new InputAudioFrame(Arrays.copyOfRange(audio, index * FRAME, (index + 1) * FRAME), 8000,
                    index * 20L, clockTimes ? System.nanoTime() : 1_000_000_000L * id + index));
        }
    }

    static String describe(Frame frame) {
        if (frame instanceof UserStartedSpeakingFrame f) {
            return "started " + f.startOffsetMs() + " " + f.onsetNanos();
        } else if (frame instanceof UserStoppedSpeakingFrame f) {
            return "stopped " + f.endOffsetMs() + " " + f.endNanos();
        } else if (frame instanceof SpeechSegmentFrame f) {
            return "segment " + f.startOffsetMs() + "-" + f.endOffsetMs() + " " + f.endOfSpeechMs() + " "
                    + f.speechEndNanos() + " " + f.pcm16k().length + " " + Arrays.hashCode(f.pcm16k());
        } else if (frame instanceof SpeechPausedFrame f) {
            return "paused " + f.startOffsetMs() + "-" + f.endOffsetMs() + " " + Arrays.hashCode(f.pcm16k());
        } else if (frame instanceof SpeechResumedFrame f) {
            return "resumed " + f.startOffsetMs();
        } else if (frame instanceof UserSpeechDiscardedFrame f) {
            return "discarded " + f.startOffsetMs();
        }
        return null;
    }

    /** Feeds all calls tick by tick (every call's next frame, then a pause), then ends them; returns their frames. */
    static List<List<String>> run(List<Call> calls, List<short[]> audio, long pauseMicros) throws Exception {
        return run(calls, audio, pauseMicros, 1);
    }

    /**
     * As {@link #run(List, List, long)}, each tick split in {@code slots}: call {@code c} gets its frame in slot
     * {@code c % slots}, so the calls' frames (and chunks) come due spread over the tick as real calls' do.
     */
    static List<List<String>> run(List<Call> calls, List<short[]> audio, long pauseMicros, int slots)
            throws Exception {
        int frames = audio.stream().mapToInt(a -> a.length / FRAME).max().orElse(0);
        long next = System.nanoTime();
        for (int t = 0; t < frames; t++) {
            for (int slot = 0; slot < slots; slot++) {
                for (int c = slot; c < calls.size(); c += slots) {
                    if ((t + 1) * FRAME <= audio.get(c).length) {
                        calls.get(c).frame(audio.get(c), t);
                    }
                }
                next += TimeUnit.MICROSECONDS.toNanos(pauseMicros) / slots;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        }
        for (int c = 0; c < calls.size(); c++) {
            Call call = calls.get(c);
            int callFrames = audio.get(c).length / FRAME;
            // every frame analysed (one lag report per 10): the EndFrame would overtake frames still queued
            waitFor(() -> call.lagReports == callFrames / 10, 60);
            call.pipeline.queue(new EndFrame(CallEnd.STREAM_STOPPED));
        }
        List<List<String>> out = new ArrayList<>();
        for (Call call : calls) {
            call.pipeline.ended().get(30, TimeUnit.SECONDS);
            out.add(List.copyOf(call.emitted));
        }
        return out;
    }

    /** The synchronous path: each call alone, one unbatched run per chunk. */
    static List<List<String>> reference(SileroVadModel model, List<short[]> audio, ExecutorService pool)
            throws Exception {
        List<List<String>> out = new ArrayList<>();
        for (int c = 0; c < audio.size(); c++) {
            Call call = new Call(c, model.newAnalyzer(8000), pool);
            out.add(run(List.of(call), List.of(audio.get(c)), 0).get(0));
        }
        return out;
    }

    @Test
    void callsFedConcurrentlyThroughTheBatcherEmitExactlyTheSynchronousFrames() throws Exception {
        List<short[]> audio = calls(8);
        try (SileroVadModel model = SileroVadModel.load(SharedDir.sileroVadModel())) {
            List<List<String>> expected = reference(model, audio, pool(1));
            model.startBatcher(WINDOW_MS);
            for (int threads : new int[] {1, 3}) {
                ExecutorService pool = pool(threads);
                List<Call> calls = new ArrayList<>();
                for (int c = 0; c < audio.size(); c++) {
                    VadAnalyzer analyzer = model.newAnalyzer(8000, true);
                    assertTrue(analyzer.asynchronous());
                    calls.add(new Call(c, analyzer, pool));
                }
                long inferences = model.batchedInferences();
                long chunks = model.batchedChunks();
                long viaBatcher = model.batcher().chunksRun();
                // 2 ms per 20 ms tick, ten times real time: most chunks go through the batcher, and a call whose
                // backlog passes the bound is caught up synchronously, so both paths are compared with the reference
                List<List<String>> actual = run(calls, audio, 2_000);
                for (int c = 0; c < audio.size(); c++) {
                    assertTrue(expected.get(c).stream().filter(s -> s.startsWith("segment")).count() >= 2,
                            "call " + c + " has its two turns: " + expected.get(c));
                    assertEquals(expected.get(c), actual.get(c), "call " + c + " with " + threads + " pipeline threads");
                }
                long ran = model.batchedInferences() - inferences;
                long carried = model.batchedChunks() - chunks;
                long cut = calls.stream().mapToLong(call -> call.vad.chunksCut()).sum();
                assertEquals(cut, carried, "every chunk ran batched (through the batcher, or caught up by flat combining)");
                System.out.printf("async VAD, %d calls, %d pipeline thread(s): %d chunks in %d inferences"
                        + " (mean batch %.1f), %d of them through the batcher%n", audio.size(), threads, carried, ran,
                        carried / (double) ran, model.batcher().chunksRun() - viaBatcher);
                assertEquals(0, model.batcher().openAnalyzers(), "every call's analyzer was closed at its end");
            }
        }
    }

    @Test
    void withOnePipelineThreadTwentyCallsMeetInBatches() throws Exception {
        List<short[]> audio = calls(20).stream().map(a -> Arrays.copyOf(a, 3 * 8000)).toList();
        try (SileroVadModel model = SileroVadModel.load(SharedDir.sileroVadModel())) {
            model.startBatcher(WINDOW_MS);
            ExecutorService pool = pool(1);
            List<Call> calls = new ArrayList<>();
            for (int c = 0; c < audio.size(); c++) {
                calls.add(new Call(c, model.newAnalyzer(8000, true), pool));
            }
            // real time, the calls' frames spread over each 20 ms as real calls' are (their chunks come due apart)
            run(calls, audio, 20_000, 10);
            VadBatcher batcher = model.batcher();
            double mean = batcher.chunksRun() / (double) batcher.ticks();
            System.out.printf("async VAD, 20 calls, 1 pipeline thread, window %d ms: %d chunks in %d batcher ticks"
                    + " (mean batch %.1f), %d chunks in all%n", WINDOW_MS, batcher.chunksRun(), batcher.ticks(), mean,
                    model.batchedChunks());
            assertEquals(20 * (3 * 8000 / 256), model.batchedChunks());
            assertTrue(mean >= 2, "chunks of several calls share inferences with one pipeline thread: mean " + mean);
        }
    }

    /**
     * Prints, for 100 calls fed in real time (20 ms ticks, their frames spread over the tick) on ONE pipeline thread, the process CPU per second of
     * audio, the batches formed and the inbound lag (received to analysed, worst of 10 frames), for the synchronous
     * paths and the batcher. A benchmark: no assertion on the numbers, and 12-50 s, so it only runs when asked:
     * {@code taskset -c 0 ./mvnw -o -pl server test -Dtest='AsyncVadPipelineTest#benchmark*' -Dmoked.bench=true}
     * (pinned to see one core).
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "moked.bench", matches = "true")
    void benchmarkHundredCallsOnOnePipelineThread() throws Exception {
        int callCount = 100;
        int seconds = 2;
        List<short[]> audio = calls(callCount).stream().map(a -> Arrays.copyOf(a, seconds * 8000)).toList();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (String mode : new String[] {"warm-up", "unbatched", "flat combining", "batcher 4 ms", "batcher 8 ms"}) {
            try (SileroVadModel model = SileroVadModel.load(SharedDir.sileroVadModel())) {
                if (mode.startsWith("batcher")) {
                    model.startBatcher(Integer.parseInt(mode.replaceAll("\\D", "")));
                }
                ExecutorService pool = pool(1);
                List<Call> calls = new ArrayList<>();
                for (int c = 0; c < callCount; c++) {
                    Call call = new Call(c, model.newAnalyzer(8000, !mode.equals("unbatched")
                            && !mode.equals("warm-up")), pool);
                    call.clockTimes = true;
                    calls.add(call);
                }
                long cpu0 = os.getProcessCpuTime();
                run(calls, audio, 20_000, 10); // real time, the calls' frames spread over each 20 ms
                long cpu = os.getProcessCpuTime() - cpu0;
                List<Long> lags = calls.stream().flatMap(c -> c.lags.stream()).sorted().toList();
                long inferences = model.batchedInferences();
                System.out.printf("VAD bench %-14s %d calls x %d s, 1 pipeline thread: CPU %.1f ms per s of audio,"
                        + " %s, inbound lag p50 %.1f ms p95 %.1f ms%n", mode, callCount, seconds,
                        cpu / 1e6 / seconds, inferences == 0 ? "unbatched runs"
                                : String.format("mean batch %.1f (%d inferences)",
                                        model.batchedChunks() / (double) inferences, inferences),
                        lags.get(lags.size() / 2) / 1e6, lags.get(lags.size() * 95 / 100) / 1e6);
            }
        }
    }

    @Test
    void aLoneCallsChunkIsNotHeldForTheWindow() throws Exception {
        try (SileroVadModel model = SileroVadModel.load(SharedDir.sileroVadModel())) {
            model.startBatcher(1000); // a window a lone call would notice
            VadAnalyzer alone = model.newAnalyzer(8000, true);
            VadAnalyzer reference = model.newAnalyzer(8000);
            float[] chunk = new float[256];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (float) (0.3 * Math.sin(i / 3.0));
            }
            java.util.concurrent.CompletableFuture<Float> result = new java.util.concurrent.CompletableFuture<>();
            long started = System.nanoTime();
            alone.submit(List.of(chunk), (p, n, failure) -> result.complete(p[0]));
            float probability = result.get(900, TimeUnit.MILLISECONDS); // well before the 1 s window
            assertTrue(System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(900));
            assertEquals(reference.speechProbability(chunk), probability, 1e-5f);
            // two open calls: the window closes as soon as both have their chunk in, not after 1 s
            VadAnalyzer other = model.newAnalyzer(8000, true);
            java.util.concurrent.CompletableFuture<Float> first = new java.util.concurrent.CompletableFuture<>();
            java.util.concurrent.CompletableFuture<Float> second = new java.util.concurrent.CompletableFuture<>();
            long inferences = model.batchedInferences();
            started = System.nanoTime();
            alone.submit(List.of(chunk), (p, n, failure) -> first.complete(p[0]));
            other.submit(List.of(chunk), (p, n, failure) -> second.complete(p[0]));
            first.get(900, TimeUnit.MILLISECONDS);
            second.get(900, TimeUnit.MILLISECONDS);
            assertTrue(System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(900));
            assertEquals(inferences + 1, model.batchedInferences(), "both chunks in one inference");
            alone.close();
            other.close();
            reference.close();
        }
    }

    /** What {@link #stuckThenReleased} saw: the frames emitted and the batcher ticks the catch-up took. */
    record CatchUp(List<String> frames, long ticks) {
    }

    /**
     * One call whose first chunk is stuck in the batcher while {@code ahead} frames arrive; once released and caught
     * up, the rest of its audio comes at ten times real time.
     */
    private static CatchUp stuckThenReleased(SileroVadModel model, Call call, short[] pcm, int ahead)
            throws Exception {
        int frames = pcm.length / FRAME;
        long ticks;
        model.combinerLock().lock(); // the batcher's inference is stuck: the call's first chunk stays in flight
        try {
            for (int t = 0; t < ahead; t++) {
                call.frame(pcm, t);
            }
            waitFor(() -> call.vad.chunksCut() == ahead * FRAME / 256, 10);
            assertEquals(ahead * FRAME / 256, call.vad.waitingChunks(), "the backlog built up behind the stuck chunk");
            assertEquals(0, call.lagReports, "no frame counts as analysed while its chunk waits");
            ticks = model.batcher().ticks();
        } finally {
            model.combinerLock().unlock();
        }
        waitFor(() -> call.lagReports == ahead / 10, 30);
        ticks = model.batcher().ticks() - ticks;
        for (int t = ahead; t < frames; t++) {
            call.frame(pcm, t);
            TimeUnit.MILLISECONDS.sleep(2);
        }
        waitFor(() -> call.lagReports == frames / 10, 60);
        call.pipeline.queue(new EndFrame(CallEnd.STREAM_STOPPED));
        call.pipeline.ended().get(30, TimeUnit.SECONDS);
        return new CatchUp(List.copyOf(call.emitted), ticks);
    }

    @Test
    void aCallThatFellBehindCatchesUpThroughTheBatcherWithTheSameFrames() throws Exception {
        List<short[]> audio = calls(1);
        try (SileroVadModel model = SileroVadModel.load(SharedDir.sileroVadModel())) {
            List<String> expected = reference(model, audio, pool(1)).get(0);
            model.startBatcher(WINDOW_MS);
            Call call = new Call(0, model.newAnalyzer(8000, true), pool(1));
            // 1.6 s: 50 chunks, far more than the pre-roll ring holds, fewer than MAX_WAITING_CHUNKS
            CatchUp catchUp = stuckThenReleased(model, call, audio.get(0), 80);
            assertEquals(expected, catchUp.frames());
            assertEquals(call.vad.chunksCut(), model.batcher().chunksRun(), "every chunk went through the batcher");
            // the stuck chunk, then the 49 behind it in submissions of up to 16: 1 + 4 ticks, not 50
            assertTrue(catchUp.ticks() <= 8, "the backlog went in submissions of several chunks: " + catchUp.ticks()
                    + " ticks");
        }
    }

    @Test
    void aBacklogBeyondTheBoundIsCaughtUpOnThePipelineThreadWithTheSameFrames() throws Exception {
        List<short[]> audio = calls(1);
        try (SileroVadModel model = SileroVadModel.load(SharedDir.sileroVadModel())) {
            List<String> expected = reference(model, audio, pool(1)).get(0);
            model.startBatcher(WINDOW_MS);
            Call call = new Call(0, model.newAnalyzer(8000, true), pool(1));
            // 3 s: 93 chunks, more than MAX_WAITING_CHUNKS (64)
            assertEquals(expected, stuckThenReleased(model, call, audio.get(0), 150).frames());
            assertTrue(model.batcher().chunksRun() < call.vad.chunksCut(),
                    "part of the backlog was analysed on the pipeline thread, not through the batcher");
        }
    }

    @Test
    void aCallEndingWithAChunkInFlightClosesItsAnalyzerWhenTheChunkIsBack() throws Exception {
        try (SileroVadModel model = SileroVadModel.load(SharedDir.sileroVadModel())) {
            model.startBatcher(WINDOW_MS);
            Call call = new Call(0, model.newAnalyzer(8000, true), pool(1));
            assertEquals(1, model.batcher().openAnalyzers());
            model.combinerLock().lock();
            try {
                for (int t = 0; t < 5; t++) {
                    call.frame(new short[5 * FRAME], t);
                }
                call.pipeline.queue(new EndFrame(CallEnd.STREAM_STOPPED));
                call.pipeline.ended().get(10, TimeUnit.SECONDS); // the end is not held up by the inference
                assertEquals(1, model.batcher().openAnalyzers(), "the batcher still has the chunk in flight");
            } finally {
                model.combinerLock().unlock();
            }
            waitFor(() -> model.batcher().openAnalyzers() == 0, 10);
            assertTrue(call.emitted.isEmpty());
        }
    }

    @Test
    void aModelClosedUnderLiveCallsStopsTheirAnalysisAndTheirEndsStillPass() throws Exception {
        List<short[]> audio = calls(3);
        SileroVadModel model = SileroVadModel.load(SharedDir.sileroVadModel());
        model.startBatcher(WINDOW_MS);
        ExecutorService pool = pool(1);
        List<Call> calls = new ArrayList<>();
        for (int c = 0; c < audio.size(); c++) {
            calls.add(new Call(c, model.newAnalyzer(8000, true), pool));
        }
        for (int t = 0; t < 50; t++) {
            for (int c = 0; c < calls.size(); c++) {
                calls.get(c).frame(audio.get(c), t);
            }
        }
        model.close(); // shutdown: chunks in flight or queued are refused, later submits too
        for (int t = 50; t < 100; t++) {
            for (int c = 0; c < calls.size(); c++) {
                calls.get(c).frame(audio.get(c), t);
            }
        }
        for (Call call : calls) {
            waitFor(() -> call.pipeline.processors().get(0).queuedFrames() == 0, 10);
            call.pipeline.queue(new EndFrame(CallEnd.STREAM_STOPPED));
            call.pipeline.ended().get(10, TimeUnit.SECONDS);
            assertTrue(call.vad.chunksAnalysed() < 100 * FRAME / 256, "analysis stopped with the model");
            assertEquals(List.of(), call.errors, "a closed model is not an error per frame");
        }
        assertEquals(0, model.batcher().openAnalyzers(), "the stopped calls unregistered their analyzers");
    }
}
