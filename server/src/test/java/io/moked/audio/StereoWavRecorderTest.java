package io.moked.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StereoWavRecorderTest {

    static short[] constant(int samples, int value) {
        short[] s = new short[samples];
        java.util.Arrays.fill(s, (short) value);
        return s;
    }

    /** Raw interleaved frames of a stereo PCM16 file, checked against the header. */
    static short[] frames(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(bytes.length - 8, b.getInt(4), "RIFF size");
        assertEquals(2, b.getShort(22), "channels");
        assertEquals(8000, b.getInt(24), "rate");
        assertEquals(16, b.getShort(34), "bits");
        int dataBytes = b.getInt(40);
        assertEquals(bytes.length - 44, dataBytes, "data size matches what is on disk");
        return Pcm16.fromBytesLE(bytes, 44, dataBytes / 2);
    }

    @Test
    void callerLeftAgentRightAlignedByOffset(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("call.wav");
        try (StereoWavRecorder rec = new StereoWavRecorder(file, 8000)) {
            for (int f = 0; f < 10; f++) {
                rec.write(StereoWavRecorder.Channel.CALLER, f * 160L, constant(160, 100 + f));
            }
            rec.write(StereoWavRecorder.Channel.AGENT, 400, constant(300, -7)); // arrives late, mid-call
        }
        short[] s = frames(file);
        assertEquals(1600 * 2, s.length);
        for (int i = 0; i < 1600; i++) {
            assertEquals(100 + i / 160, s[2 * i], "left " + i);
            assertEquals(i >= 400 && i < 700 ? -7 : 0, s[2 * i + 1], "right " + i);
        }
        WavReader.Audio mono = WavReader.read(file);
        assertEquals(1600, mono.samples().length);
        assertEquals((102 - 7) / 2f / 32768f, mono.samples()[450], 1e-6f); // frame 2 of the caller
    }

    @Test
    void gapsAreSilenceAndTheLongerSideSetsTheLength(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gap.wav");
        try (StereoWavRecorder rec = new StereoWavRecorder(file, 8000)) {
            rec.write(StereoWavRecorder.Channel.AGENT, 8000, constant(80, 5));
        }
        short[] s = frames(file);
        assertEquals(8080 * 2, s.length);
        assertEquals(0, s[2 * 7999 + 1]);
        assertEquals(5, s[2 * 8000 + 1]);
        assertEquals(0, s[2 * 8000]);
    }

    @Test
    void fileOnDiskIsValidWhileRecordingSoACrashLosesOnlyTheHeldBackTail(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("crash.wav");
        StereoWavRecorder rec = new StereoWavRecorder(file, 8000, 1000);
        assertEquals(0, frames(file).length, "a valid empty WAV from the start");
        for (int f = 0; f < 250; f++) { // 5 s of caller audio, never flushed or closed
            rec.write(StereoWavRecorder.Channel.CALLER, f * 160L, constant(160, f));
        }
        // simulate the process dying now: copy what is on disk
        Path snapshot = dir.resolve("snapshot.wav");
        Files.copy(file, snapshot);
        short[] s = frames(snapshot);
        int framesOnDisk = s.length / 2;
        assertTrue(framesOnDisk >= 40000 - 8000 - 4000, "at most hold-back + one commit step missing, had "
                + framesOnDisk);
        assertEquals(rec.committedFrames(), framesOnDisk);
        for (int i = 0; i < framesOnDisk; i += 160) {
            assertEquals(i / 160, s[2 * i]);
        }
        assertEquals(framesOnDisk, WavReader.read(snapshot).samples().length);
        rec.close();
        assertEquals(40000 * 2, frames(file).length);
    }

    @Test
    void withTheCallRecordersSettingsAKillLosesAtMostFourHundredMilliseconds(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("call.wav");
        StereoWavRecorder rec = new StereoWavRecorder(file, 8000, 200, 200); // CallRecorder's hold back and step
        for (int f = 0; f < 250; f++) { // 5 s of caller audio in 20 ms frames, never flushed or closed
            rec.write(StereoWavRecorder.Channel.CALLER, f * 160L, constant(160, f));
            int onDisk = frames(file).length / 2;
            int written = (f + 1) * 160;
            assertTrue(written - onDisk <= 3200, "at most 400 ms (3200 frames) not on disk, missing "
                    + (written - onDisk) + " after " + written);
        }
        rec.close();
    }

    @Test
    void writesOlderThanTheDiskPositionAreMixedInPlace(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("late.wav");
        try (StereoWavRecorder rec = new StereoWavRecorder(file, 8000, 0)) {
            rec.write(StereoWavRecorder.Channel.CALLER, 0, constant(8000, 1));
            rec.flush();
            assertEquals(8000, rec.committedFrames());
            rec.write(StereoWavRecorder.Channel.AGENT, 7900, constant(200, 3)); // half on disk, half in memory
            rec.write(StereoWavRecorder.Channel.CALLER, 10, constant(5, 30000)); // mixes and saturates
            rec.write(StereoWavRecorder.Channel.CALLER, 10, constant(5, 30000));
        }
        short[] s = frames(file);
        assertEquals(8100 * 2, s.length);
        assertEquals(0, s[2 * 7899 + 1]);
        assertEquals(3, s[2 * 7900 + 1]);
        assertEquals(3, s[2 * 8099 + 1]);
        assertEquals(1, s[2 * 7950]);
        assertEquals(Short.MAX_VALUE, s[2 * 12]);
        assertEquals(1, s[2 * 15]);
    }

    @Test
    void closedRecorderRefusesWritesAndBadArgumentsAreRejected(@TempDir Path dir) throws IOException {
        StereoWavRecorder rec = new StereoWavRecorder(dir.resolve("x.wav"), 8000);
        assertThrows(IllegalArgumentException.class,
                () -> rec.write(StereoWavRecorder.Channel.CALLER, -1, new short[1]));
        rec.close();
        rec.close(); // idempotent
        assertThrows(IOException.class, () -> rec.write(StereoWavRecorder.Channel.CALLER, 0, new short[1]));
        assertThrows(IllegalArgumentException.class, () -> new StereoWavRecorder(dir.resolve("y.wav"), 0));
    }
}
