package io.moked.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moked.testing.SharedDir;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderTest {

    @Test
    void pcm16StereoIsAveragedToMono() throws IOException {
        short[] interleaved = {1000, 3000, -2000, -4000, 32767, 32767};
        byte[] wav = WavTestFiles.wav(1, 2, 44100, 16, Pcm16.toBytesLE(interleaved), false);
        WavReader.Audio audio = WavReader.read(wav);
        assertEquals(44100, audio.sampleRateHz());
        assertEquals(new WavReader.Format(1, 2, 44100, 16), audio.source());
        assertArrayEquals(new float[] {2000 / 32768f, -3000 / 32768f, 32767 / 32768f}, audio.samples(), 1e-7f);
    }

    @Test
    void muLawIsDecodedWithTheG711Table() throws IOException {
        byte[] codes = {(byte) 0xFF, (byte) 0x80, 0x00, 0x1A};
        WavReader.Audio audio = WavReader.read(WavTestFiles.wav(7, 1, 8000, 8, codes, false));
        for (int i = 0; i < codes.length; i++) {
            assertEquals(MuLaw.decode(codes[i]) / 32768f, audio.samples()[i], 0f);
        }
    }

    @Test
    void aLawKnownValues() throws IOException {
        // 0xD5 = smallest positive (8), 0x55 = smallest negative (-8), 0xAA = largest positive (32256)
        byte[] codes = {(byte) 0xD5, 0x55, (byte) 0xAA, 0x2A};
        float[] s = WavReader.read(WavTestFiles.wav(6, 1, 8000, 8, codes, false)).samples();
        assertArrayEquals(new float[] {8 / 32768f, -8 / 32768f, 32256 / 32768f, -32256 / 32768f}, s, 0f);
    }

    @Test
    void floatAnd24And32BitAndUnsigned8BitAndExtensible() throws IOException {
        ByteBuffer f = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.25f).putFloat(-0.5f);
        assertArrayEquals(new float[] {0.25f, -0.5f},
                WavReader.read(WavTestFiles.wav(3, 1, 16000, 32, f.array(), true)).samples(), 0f);

        ByteBuffer d = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(-0.125);
        assertArrayEquals(new float[] {-0.125f},
                WavReader.read(WavTestFiles.wav(3, 1, 16000, 64, d.array(), false)).samples(), 0f);

        byte[] s24 = {0, 0, 0x40, 0, 0, (byte) 0xC0}; // +0.5, -0.5
        assertArrayEquals(new float[] {0.5f, -0.5f},
                WavReader.read(WavTestFiles.wav(1, 1, 48000, 24, s24, true)).samples(), 0f);

        ByteBuffer s32 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MIN_VALUE / 4);
        assertArrayEquals(new float[] {-0.25f},
                WavReader.read(WavTestFiles.wav(1, 1, 44100, 32, s32.array(), false)).samples(), 0f);

        byte[] u8 = {(byte) 128, (byte) 192, 64, 0};
        assertArrayEquals(new float[] {0f, 0.5f, -0.5f, -1f},
                WavReader.read(WavTestFiles.wav(1, 1, 8000, 8, u8, false)).samples(), 0f);
    }

    @Test
    void dataSizeLargerThanTheFileReadsWholeFramesThatExist() throws IOException {
        byte[] wav = WavTestFiles.wav(1, 2, 8000, 16, Pcm16.toBytesLE(new short[] {100, 100, 200, 200}), false);
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0x7FFFFFF0);
        byte[] cut = java.util.Arrays.copyOf(wav, wav.length - 1); // last frame incomplete
        assertArrayEquals(new float[] {100 / 32768f}, WavReader.read(cut).samples(), 0f);
    }

    @Test
    void unknownChunksAndOddPaddingAreSkipped() throws IOException {
        byte[] inner = WavTestFiles.wav(1, 1, 8000, 16, Pcm16.toBytesLE(new short[] {7, 8}), false);
        ByteBuffer b = ByteBuffer.allocate(inner.length + 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(inner, 0, 12).put("LIST".getBytes()).putInt(3).put(new byte[] {1, 2, 3, 0});
        b.put(inner, 12, inner.length - 12);
        assertArrayEquals(new float[] {7 / 32768f, 8 / 32768f}, WavReader.read(b.array()).samples(), 0f);
    }

    @Test
    void badFilesFailWithAClearReason(@TempDir Path dir) throws IOException {
        assertEquals("not a RIFF/WAVE file",
                assertThrows(WavFormatException.class, () -> WavReader.read(new byte[20])).getMessage());
        byte[] adpcm = WavTestFiles.wav(2, 1, 8000, 4, new byte[4], false);
        assertTrue(assertThrows(WavFormatException.class, () -> WavReader.read(adpcm)).getMessage()
                .startsWith("unsupported encoding: format tag 2, 4 bits"));
        Path file = dir.resolve("broken.wav");
        Files.write(file, java.util.Arrays.copyOf(adpcm, 30));
        WavFormatException e = assertThrows(WavFormatException.class, () -> WavReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void resampledToGivesTheTargetRateAndLength() throws IOException {
        short[] pcm = new short[44100];
        WavReader.Audio a = WavReader.read(WavTestFiles.wav(1, 1, 44100, 16, Pcm16.toBytesLE(pcm), false));
        WavReader.Audio b = a.resampledTo(16000);
        assertEquals(16000, b.sampleRateHz());
        assertEquals(16000, b.samples().length);
        assertEquals(1000, b.durationMs());
    }

    @Test
    void readsEveryEvalFileAndTelephoneCopiesMatchTheOriginalsInLength() throws IOException {
        Path ulawDir = SharedDir.hebrewSpeech8kUlaw();
        Path originalDir = SharedDir.resolve("eval/hebrew-speech/audio");
        List<Path> files;
        try (Stream<Path> s = Files.walk(ulawDir)) {
            files = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
        assertEquals(38, files.size());
        for (Path ulaw : files) {
            WavReader.Audio phone = WavReader.read(ulaw);
            assertEquals(new WavReader.Format(7, 1, 8000, 8), phone.source(), ulaw.toString());
            WavReader.Audio original = WavReader.read(originalDir.resolve(ulawDir.relativize(ulaw)), 8000);
            assertEquals(original.samples().length, phone.samples().length, 8.0, ulaw.toString());
            assertTrue(phone.durationMs() > 1000, ulaw + " is real speech of some length");
        }
    }
}
