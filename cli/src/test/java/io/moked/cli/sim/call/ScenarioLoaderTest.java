package io.moked.cli.sim.call;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.moked.cli.sim.TestWavs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioLoaderTest {
    @TempDir
    Path dir;

    /** A 16 kHz stereo PCM16 WAV of {@code ms} milliseconds: the loader must convert it to 8 kHz mono μ-law. */
    private Path wav(String name, int ms) throws IOException {
        return TestWavs.tone(dir.resolve(name), ms);
    }

    private Path scenario(String yaml) throws IOException {
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void loadsTurnsWithAudioRelativeToTheFileAndConvertsToTelephoneRate() throws Exception {
        wav("caller1.wav", 500);
        wav("caller2.wav", 300);
        Scenario s = ScenarioLoader.load(scenario("""
                turns:
                  - audio: caller1.wav
                    pause_ms: 800
                  - audio: caller2.wav
                    barge_in_after_ms: 400
                agent_idle_ms: 600
                """), null);
        assertEquals(2, s.turns().size());
        assertEquals(4000, s.turns().get(0).ulaw().length, "500 ms at 8 kHz");
        assertEquals(800, s.turns().get(0).pauseMs());
        assertNull(s.turns().get(0).bargeInAfterMs());
        assertEquals(400L, s.turns().get(1).bargeInAfterMs());
        assertEquals("caller2.wav", s.turns().get(1).label());
        assertEquals(600, s.timing().agentIdleMs());
        assertEquals(Scenario.Timing.DEFAULT_REPLY_TIMEOUT_MS, s.timing().replyTimeoutMs());
    }

    @Test
    void sayUsesTheCallerVoice() throws Exception {
        Scenario s = ScenarioLoader.load(scenario("turns:\n  - say: \"שלום\"\n"), text -> new byte[800]);
        assertEquals(800, s.turns().get(0).ulaw().length);
        assertEquals("שלום", s.turns().get(0).label());
    }

    private String error(String yaml) {
        return assertThrows(IllegalArgumentException.class,
                () -> ScenarioLoader.load(scenario(yaml), null)).getMessage();
    }

    @Test
    void sayWithoutAVoiceIsASpeechFailureNotBadInput() throws Exception {
        Path file = scenario("turns:\n  - say: hello\n");
        CallerVoice.SpeechUnavailableException e = assertThrows(CallerVoice.SpeechUnavailableException.class,
                () -> ScenarioLoader.load(file, null));
        assertTrue(e.getMessage().contains("turns[0].say: 'say' needs a text-to-speech engine"), e.getMessage());
        CallerVoice broken = text -> {
            throw new java.util.concurrent.ExecutionException(new IllegalStateException("engine down"));
        };
        assertTrue(assertThrows(CallerVoice.SpeechUnavailableException.class, () -> ScenarioLoader.load(file, broken))
                .getMessage().endsWith("text-to-speech failed: engine down"));
    }

    @Test
    void badScenariosGetErrorsNamingFileAndKey() throws Exception {
        wav("a.wav", 100);
        assertTrue(error("turns: []").contains("'turns' must be a non-empty list"));
        assertTrue(error("steps:\n  - audio: a.wav\n").contains("steps: unknown key"));
        assertTrue(error("turns:\n  - audio: a.wav\n    say: hi\n").contains("turns[0]: needs exactly one of"));
        assertTrue(error("turns:\n  - pause_ms: 3\n").contains("turns[0]: needs exactly one of"));
        assertTrue(error("turns:\n  - audio: a.wav\n  - audio: missing.wav\n")
                .contains("turns[1].audio: file not found"));
        assertTrue(error("turns:\n  - audio: a.wav\n    pause_ms: -5\n").contains("turns[0].pause_ms: must be"));
        assertTrue(error("turns:\n  - audio: a.wav\n    barge_in_after_ms: soon\n")
                .contains("turns[0].barge_in_after_ms"));
        assertTrue(error("turns:\n  - audio: a.wav\n    bargein: 4\n").contains("turns[0].bargein: unknown key"));
        assertTrue(error("turns: [\n").contains("not valid YAML"));
        String withFile = error("turns: 5");
        assertTrue(withFile.startsWith(dir.resolve("scenario.yaml").toString()), withFile);
        Files.writeString(dir.resolve("junk.wav"), "not a wav at all");
        assertTrue(error("turns:\n  - audio: junk.wav\n").contains("cannot read"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ScenarioLoader.load(dir.resolve("nope.yaml"), null)).getMessage()
                .contains("scenario file not found"));
    }
}
