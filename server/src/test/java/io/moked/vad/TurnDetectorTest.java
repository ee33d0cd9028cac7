package io.moked.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnDetectorTest {
    static final int CHUNK_MS = 32;

    /** Records decisions as compact strings, e.g. "onset 0@128", "stopped 0-320@960 END_OF_TURN". */
    static final class Log implements TurnDetector.Listener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onOnset(long speechStartMs, long atMs) {
            events.add("onset " + speechStartMs + "@" + atMs);
        }

        @Override
        public void onStarted(long speechStartMs, long atMs) {
            events.add("started " + speechStartMs + "@" + atMs);
        }

        @Override
        public void onStopped(long speechStartMs, long speechEndMs, long atMs, TurnDetector.StopReason reason) {
            events.add("stopped " + speechStartMs + "-" + speechEndMs + "@" + atMs + " " + reason);
        }

        @Override
        public void onDiscarded(long speechStartMs, long atMs) {
            events.add("discarded " + speechStartMs + "@" + atMs);
        }

        @Override
        public void onPaused(long speechStartMs, long speechEndMs, long atMs) {
            events.add("paused " + speechStartMs + "-" + speechEndMs + "@" + atMs);
        }
    }

    static VadParams params(int minSpeechMs, int endSilenceMs, int onsetMs) {
        return new VadParams(0.5f, 0.35f, 300, minSpeechMs, endSilenceMs, onsetMs, Math.min(100, endSilenceMs), 25_000);
    }

    static List<String> run(VadParams params, float... probabilities) {
        Log log = new Log();
        TurnDetector d = new TurnDetector(params, log);
        for (float p : probabilities) {
            d.onChunk(p, CHUNK_MS);
        }
        return log.events;
    }

    static float[] repeat(float p, int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, p);
        return a;
    }

    static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int i = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }

    @Test
    void silenceProducesNothing() {
        assertEquals(List.of(), run(VadParams.DEFAULTS, repeat(0.01f, 1000)));
    }

    @Test
    void probabilitiesBetweenTheThresholdsNeverStartSpeech() {
        assertEquals(List.of(), run(VadParams.DEFAULTS, repeat(0.49f, 500)));
    }

    @Test
    void oneTurnWithOnsetStartAndEndOfTurn() {
        // 3 silent chunks, 10 speech chunks (96..416 ms), then silence
        List<String> events = run(params(200, 640, 96),
                concat(repeat(0f, 3), repeat(0.9f, 10), repeat(0f, 30)));
        assertEquals(List.of(
                "onset 96@192", // 3 chunks = 96 ms of speech
                "started 96@320", // 7 chunks = 224 ms >= 200
                "stopped 96-416@1056 END_OF_TURN"), // 20 silent chunks = 640 ms after 416
                events);
    }

    @Test
    void endOfTurnNeedsTheFullSilenceRun() {
        VadParams p = params(64, 650, 32);
        // 21 silent chunks = 672 ms >= 650 ends the turn; 20 (640 ms) does not
        assertEquals(List.of("onset 0@32", "started 0@64"),
                run(p, concat(repeat(0.9f, 5), repeat(0f, 20))));
        assertEquals(List.of("onset 0@32", "started 0@64", "stopped 0-160@832 END_OF_TURN"),
                run(p, concat(repeat(0.9f, 5), repeat(0f, 21))));
    }

    @Test
    void pausesShorterThanEndOfTurnStayInOneTurn() {
        VadParams p = params(64, 650, 32);
        List<String> events = run(p, concat(repeat(0.9f, 10), repeat(0f, 15), repeat(0.9f, 10), repeat(0f, 25)));
        assertEquals(List.of("onset 0@32", "started 0@64", "stopped 0-1120@1792 END_OF_TURN"), events);
    }

    @Test
    void hysteresisKeepsSpeechGoingBetweenTheThresholds() {
        VadParams p = params(64, 320, 32);
        // after start, 0.4 (>= stop 0.35) still counts as speech; 0.3 counts as silence
        List<String> events = run(p, concat(repeat(0.9f, 3), repeat(0.4f, 20), repeat(0.3f, 10)));
        assertEquals(List.of("onset 0@32", "started 0@64", "stopped 0-736@1056 END_OF_TURN"), events);
    }

    @Test
    void shortBurstIsDiscardedAfterTheEndSilence() {
        VadParams p = params(200, 320, 64);
        List<String> events = run(p, concat(repeat(0f, 2), repeat(0.95f, 3), repeat(0f, 12)));
        // 96 ms of "speech" (a cough): onset fired (>= 64) but never confirmed; discarded after 320 ms silence
        assertEquals(List.of("onset 64@128", "discarded 64@480"), events);
    }

    @Test
    void burstShorterThanOnsetGivesNoOnset() {
        List<String> events = run(params(200, 320, 120), concat(repeat(0.95f, 2), repeat(0f, 12)));
        assertEquals(List.of("discarded 0@384"), events);
    }

    @Test
    void onsetLongerThanMinSpeechFiresAfterStart() {
        List<String> events = run(params(64, 320, 160), concat(repeat(0.9f, 6), repeat(0f, 10)));
        assertEquals(List.of("started 0@64", "onset 0@160", "stopped 0-192@512 END_OF_TURN"), events);
    }

    @Test
    void zeroOnsetAndMinSpeechFireOnTheFirstChunk() {
        List<String> events = run(params(0, 64, 0), concat(repeat(0.9f, 1), repeat(0f, 2)));
        assertEquals(List.of("onset 0@32", "started 0@32", "stopped 0-32@96 END_OF_TURN"), events);
    }

    @Test
    void voicedTimeAccumulatesAcrossShortGapsInTheCandidate() {
        // speech, pause, speech: together they reach min speech (224 ms from 4 + 3 chunks)
        List<String> events = run(params(200, 320, 500), concat(repeat(0.9f, 4), repeat(0f, 5), repeat(0.9f, 3),
                repeat(0f, 10)));
        assertEquals(List.of("started 0@384", "stopped 0-384@704 END_OF_TURN"), events);
    }

    @Test
    void twoTurnsInARow() {
        VadParams p = params(64, 320, 32);
        List<String> events = run(p, concat(repeat(0.9f, 5), repeat(0f, 10), repeat(0.8f, 4), repeat(0f, 10)));
        assertEquals(List.of(
                "onset 0@32", "started 0@64", "stopped 0-160@480 END_OF_TURN",
                "onset 480@512", "started 480@544", "stopped 480-608@928 END_OF_TURN"), events);
    }

    @Test
    void endlessSpeechIsCutAtMaxLengthAndContinuesAsANewSegment() {
        VadParams p = new VadParams(0.5f, 0.35f, 300, 64, 320, 32, 100, 1000);
        List<String> events = run(p, concat(repeat(0.9f, 40), repeat(0f, 10)));
        assertEquals(List.of(
                "onset 0@32", "started 0@64", "stopped 0-1024@1024 MAX_LENGTH", // 32 chunks = 1024 >= 1000
                "onset 1024@1056", "started 1024@1088", "stopped 1024-1280@1600 END_OF_TURN"), events);
    }

    @Test
    void finishHandsOnATurnInProgressAndDropsAnUnconfirmedBurst() {
        Log log = new Log();
        TurnDetector d = new TurnDetector(params(64, 650, 32), log);
        for (float p : concat(repeat(0.9f, 4), repeat(0f, 3))) {
            d.onChunk(p, CHUNK_MS);
        }
        d.finish();
        assertEquals(List.of("onset 0@32", "started 0@64", "stopped 0-128@224 STREAM_ENDED"), log.events);
        assertEquals(TurnDetector.State.SILENCE, d.state());

        Log log2 = new Log();
        TurnDetector d2 = new TurnDetector(params(200, 650, 500), log2);
        d2.onChunk(0.9f, CHUNK_MS);
        d2.finish();
        d2.finish(); // twice is harmless
        assertEquals(List.of("discarded 0@32"), log2.events);
    }

    @Test
    void statesFollowTheDiagram() {
        Log log = new Log();
        TurnDetector d = new TurnDetector(params(96, 64, 500), log);
        assertEquals(TurnDetector.State.SILENCE, d.state());
        d.onChunk(0.9f, CHUNK_MS);
        assertEquals(TurnDetector.State.CANDIDATE, d.state());
        d.onChunk(0.9f, CHUNK_MS);
        assertEquals(TurnDetector.State.CANDIDATE, d.state());
        d.onChunk(0.9f, CHUNK_MS);
        assertEquals(TurnDetector.State.SPEAKING, d.state());
        d.onChunk(0.1f, CHUNK_MS);
        assertEquals(TurnDetector.State.SPEAKING, d.state());
        d.onChunk(0.1f, CHUNK_MS);
        assertEquals(TurnDetector.State.SILENCE, d.state());
        assertEquals(160, d.nowMs());
    }

    @Test
    void tenantEndOfTurnOverrideChangesWhenTheTurnEnds() {
        float[] script = concat(repeat(0.9f, 10), repeat(0f, 40));
        List<String> fast = run(VadParams.DEFAULTS.withEndOfTurnSilenceMs(300), script);
        List<String> slow = run(VadParams.DEFAULTS.withEndOfTurnSilenceMs(1200), script);
        assertEquals("stopped 0-320@640 END_OF_TURN", fast.get(fast.size() - 1));
        assertEquals("stopped 0-320@1536 END_OF_TURN", slow.get(slow.size() - 1));
    }

    @Test
    void invalidParamsAreRejectedWithTheReason() {
        assertEquals("stopThreshold must be in (0, startThreshold=0.5], got 0.6", assertThrows(
                IllegalArgumentException.class, () -> new VadParams(0.5f, 0.6f, 0, 0, 650, 0, 0, 1000))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> new VadParams(0f, 0f, 0, 0, 650, 0, 0, 1000));
        assertThrows(IllegalArgumentException.class, () -> VadParams.DEFAULTS.withEndOfTurnSilenceMs(0));
        assertThrows(IllegalArgumentException.class, () -> VadParams.DEFAULTS.withEndOfTurnSilenceMs(50));
        assertThrows(IllegalArgumentException.class, () -> new VadParams(0.5f, 0.3f, -1, 0, 650, 0, 0, 1000));
        assertThrows(IllegalArgumentException.class, () -> new VadParams(0.5f, 0.3f, 0, 1000, 650, 0, 0, 1000));
    }

    @Test
    void speechAfterAReportedPauseIsReportedOnceAsTheTurnResuming() {
        List<String> events = new java.util.ArrayList<>();
        TurnDetector d = new TurnDetector(params(200, 640, 120), new TurnDetector.Listener() {
            @Override
            public void onOnset(long speechStartMs, long atMs) {
            }

            @Override
            public void onStarted(long speechStartMs, long atMs) {
            }

            @Override
            public void onStopped(long speechStartMs, long speechEndMs, long atMs, TurnDetector.StopReason reason) {
            }

            @Override
            public void onDiscarded(long speechStartMs, long atMs) {
            }

            @Override
            public void onPaused(long speechStartMs, long speechEndMs, long atMs) {
                events.add("paused@" + atMs);
            }

            @Override
            public void onResumed(long speechStartMs, long atMs) {
                events.add("resumed " + speechStartMs + "@" + atMs);
            }
        });
        d.pauseAfterMs(250);
        // a turn of 320 ms, a 160 ms gap (no pause), speech, a 288 ms pause, 160 ms more speech, then the end
        for (float p : concat(repeat(0.9f, 10), repeat(0.1f, 5), repeat(0.9f, 3), repeat(0.1f, 9), repeat(0.9f, 5),
                repeat(0.1f, 20))) {
            d.onChunk(p, CHUNK_MS);
        }
        assertEquals(List.of("paused@832", "resumed 0@896", "paused@1280"), events,
                "a short gap is no pause; speech after the pause resumes the turn once");
    }

    @Test
    void aPauseInAConfirmedTurnIsReportedOnceBeforeItsEndAndAgainAfterMoreSpeech() {
        Log log = new Log();
        TurnDetector d = new TurnDetector(params(200, 640, 120), log);
        d.pauseAfterMs(250);
        // a 64 ms burst (not a turn: no pause), silence, a turn of 320 ms, a 288 ms pause, 160 ms more, then the end
        for (float p : concat(repeat(0.9f, 2), repeat(0.1f, 21), repeat(0.9f, 10), repeat(0.1f, 9), repeat(0.9f, 5),
                repeat(0.1f, 20))) {
            d.onChunk(p, CHUNK_MS);
        }
        assertEquals(List.of("discarded 0@704", "onset 736@864", "started 736@960", "paused 736-1056@1312",
                "paused 736-1504@1760", "stopped 736-1504@2144 END_OF_TURN"), log.events);
    }
}
