package io.moked.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moked.audio.MuLaw;
import io.moked.audio.Pcm16;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VadProcessorTest {

    /** 8 kHz signal: silence, then a 440 Hz tone from {@code toneFromMs} to {@code toneToMs}, then silence. */
    static float[] toneBurst(int totalMs, int toneFromMs, int toneToMs) {
        float[] s = new float[totalMs * 8];
        for (int i = toneFromMs * 8; i < toneToMs * 8; i++) {
            s[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 8000));
        }
        return s;
    }

    static List<VadEvent> feed(VadProcessor vad, float[] pcm8k, int frameSamples) {
        List<VadEvent> events = new ArrayList<>();
        for (int i = 0; i < pcm8k.length; i += frameSamples) {
            events.addAll(vad.process(Arrays.copyOfRange(pcm8k, i, Math.min(pcm8k.length, i + frameSamples))));
        }
        return events;
    }

    static <T extends VadEvent> List<T> only(List<VadEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    @Test
    void oneTurnCarriesPreRollSpeechAndTrailingPadAt16kHz() {
        VadProcessor vad = new VadProcessor(new EnergySource(8000), VadParams.DEFAULTS);
        List<VadEvent> events = feed(vad, toneBurst(3000, 1000, 2000), 160);

        assertEquals(List.of(VadEvent.SpeechOnset.class, VadEvent.SpeechStarted.class, VadEvent.SpeechStopped.class),
                events.stream().map(Object::getClass).toList());
        // 32 ms chunks: the chunk [992, 1024) is the first with tone
        VadEvent.SpeechOnset onset = only(events, VadEvent.SpeechOnset.class).get(0);
        assertEquals(992, onset.speechStartMs());
        assertEquals(992 + 32, onset.atMs(), "the default onset is one chunk (32 ms)");
        VadEvent.SpeechStarted started = only(events, VadEvent.SpeechStarted.class).get(0);
        assertEquals(992 + 224, started.atMs(), "7 chunks >= 200 ms min speech");
        assertEquals(692, started.audioStartMs(), "300 ms pre-roll");

        VadEvent.SpeechStopped stopped = only(events, VadEvent.SpeechStopped.class).get(0);
        assertEquals(992, stopped.speechStartMs());
        assertEquals(2016, stopped.speechEndMs(), "last chunk with tone ends at 2016");
        assertEquals(2016 + 672, stopped.atMs(), "21 silent chunks >= 650 ms");
        assertEquals(TurnDetector.StopReason.END_OF_TURN, stopped.reason());
        assertEquals(692, stopped.audioStartMs());
        float[] audio = stopped.audio16k();
        assertEquals((2016 + 100 - 692) * 16, audio.length, "pre-roll to end + 100 ms pad, 16 samples per ms");
        // the tone starts 308 ms into the segment and stops 1308 ms in: silence before, tone during, silence after
        assertTrue(rms(audio, 0, 300 * 16) < 1e-4, "pre-roll before the tone is silent");
        assertEquals(0.5 / Math.sqrt(2), rms(audio, 320 * 16, 1290 * 16), 0.01, "tone level kept through 8->16 kHz");
        assertTrue(rms(audio, 1320 * 16, audio.length) < 1e-3, "trailing pad is silence");
        // the started event's audio is the beginning of the same segment
        assertEquals(Arrays.toString(Arrays.copyOf(audio, started.audio16k().length)),
                Arrays.toString(started.audio16k()));
    }

    @Test
    void aSegmentUpsampledAtItsEndIsTheCallsContinuousUpsamplingCutAtTheSegment() {
        // a long call, so the ring has wrapped and the segment's upsampler starts from mid-call history
        float[] signal = toneBurst(9000, 6000, 7000);
        for (int i = 0; i < signal.length; i++) {
            signal[i] += (float) (0.001 * Math.sin(i * 0.37)); // not silence: every sample matters
        }
        VadProcessor vad = new VadProcessor(new EnergySource(8000), VadParams.DEFAULTS);
        VadEvent.SpeechStopped stopped = only(feed(vad, signal, 160), VadEvent.SpeechStopped.class).get(0);

        io.moked.audio.Resampler continuous = new io.moked.audio.Resampler(8000, 16000);
        float[] all16k = continuous.process(signal);
        int from = (int) (stopped.audioStartMs() * 16 + Math.round(continuous.delayOutputSamples()));
        assertTrue(stopped.audio16k().length > 16_000, "a second of tone and more");
        float[] expected = Arrays.copyOfRange(all16k, from, from + stopped.audio16k().length);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, stopped.audio16k(),
                "the same samples as upsampling every frame as it came");
    }

    @Test
    void everyPauseOfATurnAndItsEndCarryTheCallsContinuousUpsampling() {
        // three bursts 300 ms apart: two pauses of one turn (upsampled as the segment grows), then its end
        float[] signal = new float[6000 * 8];
        float[][] bursts = {toneBurst(6000, 3000, 3600), toneBurst(6000, 3900, 4400), toneBurst(6000, 4700, 5000)};
        for (int i = 0; i < signal.length; i++) {
            signal[i] = bursts[0][i] + bursts[1][i] + bursts[2][i] + (float) (0.001 * Math.sin(i * 0.37));
        }
        VadProcessor vad = new VadProcessor(new EnergySource(8000), VadParams.DEFAULTS).preemptAfterSilenceMs(250);
        List<VadEvent> events = feed(vad, signal, 160);
        List<VadEvent.SpeechPaused> pauses = only(events, VadEvent.SpeechPaused.class);
        VadEvent.SpeechStopped stopped = only(events, VadEvent.SpeechStopped.class).get(0);
        assertEquals(3, pauses.size(), "a pause after each burst, the last one before the end of the turn");

        io.moked.audio.Resampler continuous = new io.moked.audio.Resampler(8000, 16000);
        float[] all16k = continuous.process(signal);
        int from = (int) (stopped.audioStartMs() * 16 + Math.round(continuous.delayOutputSamples()));
        for (VadEvent.SpeechPaused paused : pauses) {
            assertEquals(stopped.audioStartMs(), paused.audioStartMs());
            org.junit.jupiter.api.Assertions.assertArrayEquals(
                    Arrays.copyOfRange(all16k, from, from + paused.audio16k().length), paused.audio16k(),
                    "pause at " + paused.atMs() + " ms");
        }
        assertTrue(pauses.get(0).audio16k().length < pauses.get(1).audio16k().length);
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                Arrays.copyOfRange(all16k, from, from + stopped.audio16k().length), stopped.audio16k());
    }

    @Test
    void aTurnThatEndsAtItsPauseHasThePausesAudioForPreemptiveStt() {
        VadProcessor vad = new VadProcessor(new EnergySource(8000), VadParams.DEFAULTS).preemptAfterSilenceMs(250);
        List<VadEvent> events = feed(vad, toneBurst(3000, 1000, 2000), 160);
        VadEvent.SpeechPaused paused = only(events, VadEvent.SpeechPaused.class).get(0);
        VadEvent.SpeechStopped stopped = only(events, VadEvent.SpeechStopped.class).get(0);
        assertTrue(paused.atMs() >= stopped.speechEndMs() + 250 && paused.atMs() < stopped.atMs(), "before the end");
        assertEquals(stopped.audioStartMs(), paused.audioStartMs());
        assertEquals(stopped.speechEndMs(), paused.speechEndMs());
        org.junit.jupiter.api.Assertions.assertArrayEquals(stopped.audio16k(), paused.audio16k(),
                "the same audio, so the transcript at the pause is the turn's");
    }

    @Test
    void frameSizeDoesNotChangeTheResult() {
        float[] signal = toneBurst(4000, 700, 1900);
        List<String> reference = describe(feed(new VadProcessor(new EnergySource(8000), VadParams.DEFAULTS),
                signal, 160));
        for (int frame : new int[] {1, 7, 80, 333, 480, 4000}) {
            assertEquals(reference, describe(feed(new VadProcessor(new EnergySource(8000), VadParams.DEFAULTS),
                    signal, frame)), "frame of " + frame + " samples");
        }
    }

    static List<String> describe(List<VadEvent> events) {
        return events.stream().map(e -> {
            if (e instanceof VadEvent.SpeechStopped s) {
                return "stopped " + s.speechStartMs() + "-" + s.speechEndMs() + "@" + s.atMs() + " "
                        + s.audioStartMs() + " " + Arrays.hashCode(s.audio16k());
            }
            if (e instanceof VadEvent.SpeechPaused s) {
                return "paused " + s.speechStartMs() + "-" + s.speechEndMs() + "@" + s.atMs() + " "
                        + s.audioStartMs() + " " + Arrays.hashCode(s.audio16k());
            }
            if (e instanceof VadEvent.SpeechStarted s) {
                return "started " + s.speechStartMs() + "@" + s.atMs() + " " + Arrays.hashCode(s.audio16k());
            }
            return e.toString();
        }).toList();
    }

    @Test
    void muLawFramesGiveTheSameEventsAsTheirPcm() {
        float[] signal = toneBurst(3000, 500, 1500);
        short[] pcm = Pcm16.toShort(signal);
        byte[] ulaw = MuLaw.encode(pcm);
        VadProcessor fromUlaw = new VadProcessor(new EnergySource(8000), VadParams.DEFAULTS);
        VadProcessor fromPcm = new VadProcessor(new EnergySource(8000), VadParams.DEFAULTS);
        List<VadEvent> a = new ArrayList<>();
        List<VadEvent> b = new ArrayList<>();
        for (int i = 0; i < ulaw.length; i += 160) {
            a.addAll(fromUlaw.processUlaw(Arrays.copyOfRange(ulaw, i, i + 160)));
            b.addAll(fromPcm.process(MuLaw.decode(Arrays.copyOfRange(ulaw, i, i + 160))));
        }
        assertEquals(3, a.size());
        assertEquals(describe(b), describe(a));
    }

    @Test
    void sixteenKilohertzSourceFindsTheSameTurn() {
        VadProcessor vad = new VadProcessor(new EnergySource(16000), VadParams.DEFAULTS);
        List<VadEvent> events = feed(vad, toneBurst(3000, 1000, 2000), 160);
        VadEvent.SpeechStopped stopped = only(events, VadEvent.SpeechStopped.class).get(0);
        // chunks of the upsampled stream lag 2.5 ms; boundaries land within one chunk of the 8 kHz answer
        assertEquals(992, stopped.speechStartMs(), 32);
        assertEquals(2016, stopped.speechEndMs(), 32);
        assertEquals(0.5 / Math.sqrt(2), rms(stopped.audio16k(), 340 * 16, 1260 * 16), 0.01);
    }

    @Test
    void silenceGivesNoEventsAndRunsOneProbabilityPer32Ms() {
        EnergySource source = new EnergySource(8000);
        VadProcessor vad = new VadProcessor(source, VadParams.DEFAULTS);
        assertEquals(List.of(), feed(vad, new float[8000 * 10], 160));
        assertEquals(80000 / 256, source.chunksSeen);
        assertEquals(312 * 32, vad.streamMs());
        assertEquals(TurnDetector.State.SILENCE, vad.state());
        assertEquals(List.of(), vad.finish());
    }

    @Test
    void shortClickIsDiscardedWithoutATurn() {
        VadParams onset120 = new VadParams(0.5f, 0.35f, 300, 200, 650, 120, 100, 25_000);
        VadProcessor vad = new VadProcessor(new EnergySource(8000), onset120);
        List<VadEvent> events = feed(vad, toneBurst(2000, 500, 560), 160);
        assertEquals(List.of(VadEvent.SpeechDiscarded.class), events.stream().map(Object::getClass).toList());
    }

    @Test
    void withTheDefaultOneChunkOnsetAClickInterruptsAndIsThenDiscarded() {
        // the click clears the agent at once; its discard is what lets the interruption processor resume the reply
        VadProcessor vad = new VadProcessor(new EnergySource(8000), VadParams.DEFAULTS);
        List<VadEvent> events = feed(vad, toneBurst(2000, 500, 560), 160);
        assertEquals(List.of(VadEvent.SpeechOnset.class, VadEvent.SpeechDiscarded.class),
                events.stream().map(Object::getClass).toList());
        VadEvent.SpeechOnset onset = only(events, VadEvent.SpeechOnset.class).get(0);
        assertEquals(onset.speechStartMs() + 32, onset.atMs());
    }

    @Test
    void longSpeechIsCutIntoBoundedSegments() {
        VadParams params = new VadParams(0.5f, 0.35f, 300, 200, 650, 120, 100, 5000);
        VadProcessor vad = new VadProcessor(new EnergySource(8000), params);
        List<VadEvent> events = feed(vad, toneBurst(14000, 200, 12200), 160);
        List<VadEvent.SpeechStopped> segments = only(events, VadEvent.SpeechStopped.class);
        assertEquals(3, segments.size());
        assertEquals(TurnDetector.StopReason.MAX_LENGTH, segments.get(0).reason());
        assertEquals(TurnDetector.StopReason.MAX_LENGTH, segments.get(1).reason());
        assertEquals(TurnDetector.StopReason.END_OF_TURN, segments.get(2).reason());
        for (VadEvent.SpeechStopped s : segments) {
            assertTrue(s.audioDurationMs() <= 5000 + 300 + 100, "segment of " + s.audioDurationMs() + " ms");
        }
        // segments follow each other without losing speech in between
        assertEquals(segments.get(0).speechEndMs(), segments.get(1).speechStartMs());
    }

    @Test
    void finishHandsOnTheTurnInProgress() {
        VadProcessor vad = new VadProcessor(new EnergySource(8000), VadParams.DEFAULTS);
        List<VadEvent> events = feed(vad, toneBurst(1500, 500, 1500), 160);
        assertEquals(2, events.size());
        List<VadEvent> last = vad.finish();
        VadEvent.SpeechStopped stopped = assertInstanceOf(VadEvent.SpeechStopped.class, last.get(0));
        assertEquals(TurnDetector.StopReason.STREAM_ENDED, stopped.reason());
        assertTrue(stopped.audioDurationMs() >= 1000, "kept " + stopped.audioDurationMs() + " ms");
    }

    @Test
    void preRollIsClippedAtTheStartOfTheStream() {
        VadProcessor vad = new VadProcessor(new EnergySource(8000), VadParams.DEFAULTS);
        List<VadEvent> events = feed(vad, toneBurst(2000, 100, 800), 160);
        VadEvent.SpeechStopped s = only(events, VadEvent.SpeechStopped.class).get(0);
        assertEquals(0, s.audioStartMs());
        assertEquals(96, s.speechStartMs());
    }

    @Test
    void processorsOfDifferentCallsDoNotShareState() {
        float[] a = toneBurst(3000, 400, 1400);
        float[] b = toneBurst(3000, 1200, 2000);
        List<String> aliceAlone = describe(feed(new VadProcessor(new EnergySource(8000), VadParams.DEFAULTS), a, 160));
        List<String> bobAlone = describe(feed(new VadProcessor(new EnergySource(8000), VadParams.DEFAULTS), b, 160));
        VadProcessor alice = new VadProcessor(new EnergySource(8000), VadParams.DEFAULTS);
        VadProcessor bob = new VadProcessor(new EnergySource(8000), VadParams.DEFAULTS);
        List<VadEvent> ea = new ArrayList<>();
        List<VadEvent> eb = new ArrayList<>();
        for (int i = 0; i < a.length; i += 160) {
            ea.addAll(alice.process(Arrays.copyOfRange(a, i, i + 160)));
            eb.addAll(bob.process(Arrays.copyOfRange(b, i, i + 160)));
        }
        assertEquals(aliceAlone, describe(ea));
        assertEquals(bobAlone, describe(eb));
    }

    /**
     * The asynchronous use: frames appended while up to {@code backlog} chunks wait for their probabilities (the
     * probabilities then come one at a time, oldest first). {@code Integer.MAX_VALUE}: the whole call is appended
     * before the first probability, far more than the pre-roll ring holds.
     */
    static List<VadEvent> feedAhead(VadProcessor vad, SpeechProbabilitySource model, short[] pcm, int backlog) {
        List<VadEvent> events = new ArrayList<>();
        long appended = 0;
        for (int i = 0; i < pcm.length; i += 160) {
            vad.append(Arrays.copyOfRange(pcm, i, Math.min(pcm.length, i + 160)));
            appended += Math.min(160, pcm.length - i);
            assertEquals(vad.chunksCut(), vad.chunksAnalysed() + vad.waitingChunks());
            while (vad.waitingChunks() > backlog) {
                events.addAll(vad.onProbability(model.speechProbability(vad.nextChunk())));
            }
        }
        if (model.sampleRateHz() == 8000) {
            assertEquals(appended / model.chunkSamples(), vad.chunksCut(), "every complete chunk was cut");
        }
        while (vad.waitingChunks() > 0) {
            events.addAll(vad.onProbability(model.speechProbability(vad.nextChunk())));
        }
        events.addAll(vad.finish());
        return events;
    }

    @Test
    void probabilitiesArrivingAfterLaterAudioGiveExactlyTheSynchronousEventsAndAudio() {
        for (int rate : new int[] {8000, 16000}) {
            // two turns, a pause for the preemptive event, and a burst at the very start (pre-roll clipped)
            float[] signal = toneBurst(6000, 40, 900);
            float[] second = toneBurst(6000, 2500, 4200);
            for (int i = 0; i < signal.length; i++) {
                signal[i] += second[i];
            }
            short[] pcm = Pcm16.toShort(signal);
            VadProcessor sync = new VadProcessor(new EnergySource(rate), VadParams.DEFAULTS).preemptAfterSilenceMs(250);
            List<VadEvent> reference = new ArrayList<>();
            for (int i = 0; i < pcm.length; i += 160) {
                reference.addAll(sync.process(Arrays.copyOfRange(pcm, i, Math.min(pcm.length, i + 160))));
            }
            reference.addAll(sync.finish());
            assertEquals(2, only(reference, VadEvent.SpeechStopped.class).size(), "the signal has two turns");
            assertEquals(2, only(reference, VadEvent.SpeechPaused.class).size());
            for (int backlog : new int[] {0, 1, 2, 5, 20, Integer.MAX_VALUE}) {
                VadProcessor async = new VadProcessor(new EnergySource(rate), VadParams.DEFAULTS)
                        .preemptAfterSilenceMs(250);
                assertEquals(describe(reference), describe(feedAhead(async, new EnergySource(rate), pcm, backlog)),
                        rate + " Hz, up to " + backlog + " chunks waiting");
            }
        }
    }

    @Test
    void aDroppedChunkIsSkippedAndTheAudioBehindItStillArrives() {
        VadProcessor vad = new VadProcessor(new EnergySource(8000), VadParams.DEFAULTS);
        vad.append(new short[400]); // 50 ms: one chunk cut; the audio after the piece that completed it waits
        assertEquals(1, vad.waitingChunks());
        vad.append(new short[100]); // 500 samples: still one complete chunk
        assertEquals(1, vad.waitingChunks());
        vad.dropChunk();
        assertEquals(0, vad.waitingChunks());
        assertEquals(1, vad.chunksAnalysed());
        assertEquals(0, vad.streamMs(), "a dropped chunk does not advance the detector");
        assertThrows(IllegalStateException.class, vad::nextChunk);
    }

    @Test
    void sourceAtAnUnsupportedRateIsRejected() {
        SpeechProbabilitySource weird = new SpeechProbabilitySource() {
            public int sampleRateHz() {
                return 11025;
            }

            public int chunkSamples() {
                return 256;
            }

            public float speechProbability(float[] chunk) {
                return 0;
            }

            public void reset() {
            }
        };
        assertThrows(IllegalArgumentException.class, () -> new VadProcessor(weird, VadParams.DEFAULTS));
    }
}
