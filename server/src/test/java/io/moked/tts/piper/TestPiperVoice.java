package io.moked.tts.piper;

import io.moked.onnx.OnnxModelWriter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * A Piper-signature voice for tests (inputs {@code input} int64 [1, N], {@code input_lengths} int64 [1],
 * {@code scales} float [3]; output float [1, 1, N * 160]) that "says" each phoneme id as 10 ms at 16 kHz of the
 * constant level id / 100, so a test can read the ids back from the audio. Config: src/test/resources/piper's
 * {@code test-voice.onnx.json} (16 kHz, an IPA symbol set like the Hebrew voices').
 */
public final class TestPiperVoice {
    public static final int SAMPLES_PER_ID = 160;
    public static final int SAMPLE_RATE_HZ = 16_000;
    public static final float LEVEL_PER_ID = 0.01f;

    private TestPiperVoice() {
    }

    /** Writes {@code name} and {@code name.json} into {@code dir}. */
    public static Path write(Path dir, String name) throws IOException {
        new OnnxModelWriter()
                .input("input", OnnxModelWriter.INT64, 1, "N")
                .input("input_lengths", OnnxModelWriter.INT64, 1)
                .input("scales", OnnxModelWriter.FLOAT, 3)
                .output("output", OnnxModelWriter.FLOAT, 1, 1, "S")
                .floats("level_per_id", new float[] {LEVEL_PER_ID})
                .longs("axes", new long[] {2}, 1)
                .longs("repeats", new long[] {1, 1, SAMPLES_PER_ID}, 3)
                .longs("shape", new long[] {1, 1, -1}, 3)
                .node("Cast", List.of("input"), List.of("ids_f"), Map.of("to", (long) OnnxModelWriter.FLOAT))
                .node("Mul", List.of("ids_f", "level_per_id"), List.of("level"))
                .node("Unsqueeze", List.of("level", "axes"), List.of("column"))
                .node("Tile", List.of("column", "repeats"), List.of("blocks"))
                .node("Reshape", List.of("blocks", "shape"), List.of("output"))
                .write(dir.resolve(name));
        try (InputStream in = TestPiperVoice.class.getResourceAsStream("/piper/test-voice.onnx.json")) {
            Files.copy(in, dir.resolve(name + ".json"), StandardCopyOption.REPLACE_EXISTING);
        }
        return dir.resolve(name);
    }

    /** The phoneme ids the voice was given, read back from its 16 kHz PCM. */
    public static long[] idsFrom(short[] pcm) {
        long[] ids = new long[pcm.length / SAMPLES_PER_ID];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Math.round(pcm[i * SAMPLES_PER_ID] / (LEVEL_PER_ID * Short.MAX_VALUE));
        }
        return ids;
    }
}
