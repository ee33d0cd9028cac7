package io.moked.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moked.audio.MuLaw;
import io.moked.audio.Pcm16;
import io.moked.audio.WavReader;
import io.moked.testing.SharedDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Silero VAD v6.2 (the real model from shared/models) with the default endpointing, fed exactly like a call:
 * 20 ms G.711 μ-law frames at 8 kHz. Real Hebrew speech must give turns; silence and noise must give none.
 */
class SileroVadOnRealAudioTest {
    static final int LEAD_SILENCE_MS = 1000;
    static final int TAIL_SILENCE_MS = 2000;

    static SileroVadModel model;

    @BeforeAll
    static void loadModel() {
        model = SileroVadModel.load(SharedDir.sileroVadModel());
    }

    @AfterAll
    static void closeModel() {
        if (model != null) { // null when the shared model is missing and the class was skipped
            model.close();
        }
    }

    static List<VadEvent> runCall(byte[] ulaw) {
        VadProcessor vad = new VadProcessor(model.newAnalyzer(8000), VadParams.DEFAULTS);
        List<VadEvent> events = new ArrayList<>();
        for (int i = 0; i + 160 <= ulaw.length; i += 160) {
            events.addAll(vad.processUlaw(Arrays.copyOfRange(ulaw, i, i + 160)));
        }
        events.addAll(vad.finish());
        return events;
    }

    static byte[] withSilence(byte[] ulaw, int leadMs, int tailMs) {
        byte[] out = new byte[(leadMs + tailMs) * 8 + ulaw.length];
        Arrays.fill(out, MuLaw.encode((short) 0));
        System.arraycopy(ulaw, 0, out, leadMs * 8, ulaw.length);
        return out;
    }

    static Map<String, String> transcripts() throws IOException {
        Map<String, String> refs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(SharedDir.resolve("eval/hebrew-speech/transcripts_8k_ulaw.tsv"),
                StandardCharsets.UTF_8)) {
            String[] parts = line.split("\t", 2);
            refs.put(parts[0], parts[1]);
        }
        return refs;
    }

    @Test
    void everyHebrewUtteranceGivesSpeechSegmentsInsideTheSpeech() throws IOException {
        Path root = SharedDir.resolve("eval/hebrew-speech");
        Map<String, String> refs = transcripts();
        assertEquals(38, refs.size());
        int totalSegments = 0;
        long coveredMs = 0;
        long audioMs = 0;
        StringBuilder report = new StringBuilder();
        for (String relative : refs.keySet()) {
            WavReader.Audio audio = WavReader.read(root.resolve(relative));
            byte[] ulaw = MuLaw.encode(Pcm16.toShort(audio.samples()));
            List<VadEvent> events = runCall(withSilence(ulaw, LEAD_SILENCE_MS, TAIL_SILENCE_MS));
            List<VadEvent.SpeechStopped> segments = events.stream()
                    .filter(VadEvent.SpeechStopped.class::isInstance).map(VadEvent.SpeechStopped.class::cast).toList();
            long speechEndMs = LEAD_SILENCE_MS + audio.durationMs();
            report.append(String.format("%-55s %5d ms  %d segment(s)", relative, audio.durationMs(), segments.size()));
            for (VadEvent.SpeechStopped s : segments) {
                report.append(String.format(" [%d-%d]", s.speechStartMs() - LEAD_SILENCE_MS,
                        s.speechEndMs() - LEAD_SILENCE_MS));
                assertEquals(TurnDetector.StopReason.END_OF_TURN, s.reason(), relative);
                // turns lie within the utterance, never in the added silence: Silero's recurrent state lets the
                // probability decay over a few chunks after speech stops, hence up to 4 chunks of slack at the end
                assertTrue(s.speechStartMs() >= LEAD_SILENCE_MS - 32, relative + " starts in lead silence");
                assertTrue(s.speechEndMs() <= speechEndMs + 128, relative + " ends in tail silence: "
                        + (s.speechEndMs() - speechEndMs) + " ms after");
                assertEquals((s.speechEndMs() + VadParams.DEFAULT_TRAILING_PAD_MS - s.audioStartMs()) * 16,
                        s.audio16k().length, relative + " segment audio length");
                coveredMs += s.speechEndMs() - s.speechStartMs();
            }
            report.append('\n');
            assertTrue(segments.size() >= 1, relative + ": transcript \"" + refs.get(relative)
                    + "\" but no speech segment found");
            long onsets = events.stream().filter(VadEvent.SpeechOnset.class::isInstance).count();
            assertTrue(onsets >= segments.size(), "every turn had its onset");
            totalSegments += segments.size();
            audioMs += audio.durationMs();
        }
        report.append(String.format("files=%d segments=%d speech covered=%.1f%% of %d ms%n", refs.size(),
                totalSegments, 100.0 * coveredMs / audioMs, audioMs));
        System.out.print(report);
        // podcast utterances are nearly all speech: turns must cover most of them
        assertTrue(coveredMs > 0.8 * audioMs, "turns cover only " + coveredMs + " of " + audioMs + " ms");
    }

    @Test
    void digitalSilenceGivesNoEventsAtAll() {
        byte[] silence = new byte[8000 * 30];
        Arrays.fill(silence, MuLaw.encode((short) 0));
        assertEquals(List.of(), runCall(silence));
    }

    @Test
    void whiteNoiseAtPhoneLevelsGivesNoTurns() {
        Random random = new Random(11);
        for (double rms : new double[] {0.001, 0.01, 0.05, 0.1, 0.3}) {
            short[] noise = new short[8000 * 30];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = Pcm16.toShort((float) (random.nextGaussian() * rms));
            }
            List<VadEvent> events = runCall(MuLaw.encode(noise));
            List<VadEvent> turns = events.stream().filter(e -> e instanceof VadEvent.SpeechStarted
                    || e instanceof VadEvent.SpeechStopped || e instanceof VadEvent.SpeechOnset).toList();
            System.out.printf("white noise rms %.3f: %d events %s%n", rms, events.size(), events);
            assertEquals(List.of(), turns, "noise at rms " + rms);
        }
    }

    @Test
    void analyzersOfConcurrentCallsDoNotInterfere() throws Exception {
        Path file = SharedDir.hebrewSpeech8kUlaw().resolve("saspeech/saspeech_Mom3_0007.wav");
        byte[] ulaw = withSilence(MuLaw.encode(WavReader.read(file).toPcm16()), 500, 1500);
        List<String> alone = VadProcessorTest.describe(runCall(ulaw));
        List<List<String>> results = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                List<String> r = VadProcessorTest.describe(runCall(ulaw));
                synchronized (results) {
                    results.add(r);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(4, results.size());
        for (List<String> r : results) {
            assertEquals(alone, r, "shared session, per-call state");
        }
    }
}
