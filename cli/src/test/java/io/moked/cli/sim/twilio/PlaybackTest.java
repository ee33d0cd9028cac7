package io.moked.cli.sim.twilio;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaybackTest {
    private static byte[] audio(int ms, int value) {
        byte[] b = new byte[ms * 8];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void markIsEchoedOnTheTickAfterItsAudioFinished() {
        Playback p = new Playback();
        byte[] heard = new byte[Playback.FRAME_BYTES];
        p.enqueueAudio(audio(40, 1));
        p.enqueueMark("a");
        p.enqueueAudio(audio(20, 2));
        p.enqueueMark("b");
        assertEquals(List.of(), p.tick(heard));   // plays 0-20 ms of the 40 ms chunk
        assertEquals(1, heard[0]);
        assertEquals(List.of(), p.tick(heard));   // plays 20-40 ms: "a"'s audio ends with this frame
        assertEquals(List.of("a"), p.tick(heard)); // "a" echoed, plays the 20 ms chunk
        assertEquals(2, heard[159]);
        assertTrue(!p.isPlaying());
        assertEquals(List.of("b"), p.tick(heard));
        assertEquals(Playback.SILENCE, heard[0]);
    }

    @Test
    void chunksThatDoNotAlignWithFramesAreStitchedAndMarksBetweenThemWaitForTheFrameEnd() {
        Playback p = new Playback();
        byte[] heard = new byte[Playback.FRAME_BYTES];
        p.enqueueAudio(audio(10, 1));  // 80 bytes
        p.enqueueMark("half");
        p.enqueueAudio(audio(10, 2));
        assertEquals(List.of(), p.tick(heard));
        assertEquals(1, heard[79]);
        assertEquals(2, heard[80]);
        assertEquals(List.of("half"), p.tick(heard));
        assertEquals(Playback.SILENCE, heard[0]);
    }

    @Test
    void clearDropsUnplayedAudioAndReturnsPendingMarks() {
        Playback p = new Playback();
        byte[] heard = new byte[Playback.FRAME_BYTES];
        for (int i = 0; i < 5; i++) {
            p.enqueueAudio(audio(100, 3));
            p.enqueueMark("m" + i);
        }
        p.tick(heard);
        assertEquals(480, p.queuedMillis());
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), p.clear());
        assertFalse(p.isPlaying());
        assertEquals(List.of(), p.tick(heard));
        byte[] silence = new byte[Playback.FRAME_BYTES];
        Arrays.fill(silence, Playback.SILENCE);
        assertArrayEquals(silence, heard);
    }
}
