package io.moked.cli.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small synthetic WAV files for tests (a tone stands in for speech where no VAD listens). */
public final class TestWavs {
    private TestWavs() {
    }

    /** 16 kHz stereo PCM16 tone of {@code ms} milliseconds. */
    public static Path tone(Path file, int ms) throws IOException {
        int rate = 16000;
        int frames = rate * ms / 1000;
        ByteBuffer b = ByteBuffer.allocate(44 + frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + frames * 4).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(rate).putInt(rate * 4)
                .putShort((short) 4).putShort((short) 16);
        b.put("data".getBytes()).putInt(frames * 4);
        for (int i = 0; i < frames; i++) {
            short s = (short) (Math.sin(i * 2 * Math.PI * 440 / rate) * 8000);
            b.putShort(s).putShort(s);
        }
        Files.write(file, b.array());
        return file;
    }
}
