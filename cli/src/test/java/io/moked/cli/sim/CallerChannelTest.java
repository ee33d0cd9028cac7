package io.moked.cli.sim;

import io.moked.audio.MuLaw;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The caller's side of a stereo call recording, cut by turn offsets into 8 kHz μ-law clips. */
class CallerChannelTest {
    private static final int RATE_HZ = 16_000;

    @TempDir
    Path dir;

    @Test
    void cutsTheLeftChannelByTheTurnOffsetsWithLeadInAndTail() throws IOException {
        // caller (left) speaks 1.0-2.0 s; agent (right) speaks 3.0-4.0 s; 5 s in all
        Path wav = recording(5000, 1000, 2000, 3000, 4000);
        List<byte[]> clips = CallerChannel.cut(wav, List.of(new CallerChannel.Span(1000, 2000),
                new CallerChannel.Span(3000, 4000)));
        long expectedMs = 1000 + CallerChannel.LEAD_IN_MS + CallerChannel.TAIL_MS;
        assertEquals(expectedMs * 8, clips.get(0).length, "8 kHz μ-law, one byte a sample");
        short[] caller = MuLaw.decode(clips.get(0));
        int from = (int) (CallerChannel.LEAD_IN_MS * 8);
        assertTrue(peak(caller, 0, from - 20) < 100, "silence before the caller's speech");
        assertTrue(peak(caller, from + 20, from + 8000 - 20) > 5000, "the caller's speech");
        assertTrue(peak(MuLaw.decode(clips.get(1)), 0, clips.get(1).length) < 100,
                "the agent's channel is not part of the caller's clip");
    }

    @Test
    void aTurnPastTheRecordingOrAMonoFileIsRefused() throws IOException {
        Path wav = recording(1000, 0, 500, 0, 0);
        assertThrows(IOException.class, () -> CallerChannel.cut(wav, List.of(new CallerChannel.Span(2000, 2500))));
        Path mono = Files.write(dir.resolve("mono.wav"), header(1, 100));
        assertThrows(IOException.class, () -> CallerChannel.cut(mono, List.of(new CallerChannel.Span(0, 10))));
    }

    private static int peak(short[] s, int from, int to) {
        int peak = 0;
        for (int i = Math.max(0, from); i < Math.min(s.length, to); i++) {
            peak = Math.max(peak, Math.abs(s[i]));
        }
        return peak;
    }

    private Path recording(long ms, long leftFrom, long leftTo, long rightFrom, long rightTo) throws IOException {
        int frames = (int) (ms * RATE_HZ / 1000);
        ByteBuffer b = ByteBuffer.wrap(header(2, frames * 4)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(44);
        for (int i = 0; i < frames; i++) {
            long t = i * 1000L / RATE_HZ;
            short tone = (short) (Math.sin(2 * Math.PI * 300 * i / RATE_HZ) * 12000);
            b.putShort(t >= leftFrom && t < leftTo ? tone : 0).putShort(t >= rightFrom && t < rightTo ? tone : 0);
        }
        return Files.write(dir.resolve("call.wav"), b.array());
    }

    private static byte[] header(int channels, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) channels).putInt(RATE_HZ).putInt(RATE_HZ * 2 * channels)
                .putShort((short) (2 * channels)).putShort((short) 16).put("data".getBytes()).putInt(dataBytes);
        return b.array();
    }
}
