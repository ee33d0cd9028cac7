package io.moked.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    static float[] sine(double hz, int rate, int samples, double amplitude) {
        float[] s = new float[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    /** Amplitude of the {@code hz} component over [from, to) (single-bin DFT, exact for whole periods). */
    static double amplitudeAt(float[] x, int from, int to, double hz, int rate) {
        double re = 0;
        double im = 0;
        for (int i = from; i < to; i++) {
            double phase = 2 * Math.PI * hz * i / rate;
            re += x[i] * Math.cos(phase);
            im += x[i] * Math.sin(phase);
        }
        return 2 * Math.hypot(re, im) / (to - from);
    }

    static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    @ParameterizedTest(name = "{0} Hz at {1} -> {2}")
    @CsvSource({
            "1000, 8000, 16000", "3000, 8000, 16000", "300, 8000, 16000",
            "1000, 16000, 8000", "3000, 16000, 8000",
            "1000, 22050, 8000", "3000, 22050, 8000", "1000, 24000, 8000", "3000, 24000, 8000",
            "1000, 16000, 16000"})
    void sineBelowNyquistKeepsAmplitudeAndFrequency(double hz, int in, int out) {
        float[] x = sine(hz, in, in, 0.5); // one second
        float[] y = new Resampler(in, out).process(x);
        // skip the filter's start-up; analyse a whole number of periods (0.5 s)
        int from = out / 10;
        int to = from + out / 2;
        double amplitude = amplitudeAt(y, from, to, hz, out);
        assertEquals(0.0, db(amplitude / 0.5), 0.1, "gain in dB at " + hz + " Hz");
        // all energy is at that frequency: residual after removing the tone is tiny
        double total = rms(y, from, to);
        assertEquals(amplitude / Math.sqrt(2), total, 0.005, "energy elsewhere than " + hz + " Hz");
    }

    @ParameterizedTest(name = "{0} Hz at {1} -> {2} attenuated >= {3} dB")
    @CsvSource({
            "5000, 16000, 8000, 65", "6000, 16000, 8000, 65", "7500, 16000, 8000, 65",
            "5000, 22050, 8000, 65", "9000, 22050, 8000, 65", "11000, 24000, 8000, 65",
            "4300, 16000, 8000, 8"})
    void contentAboveTargetNyquistIsAttenuated(double hz, int in, int out, double minDb) {
        float[] x = sine(hz, in, in, 0.5);
        float[] y = new Resampler(in, out).process(x);
        double level = rms(y, out / 10, out) / (0.5 / Math.sqrt(2));
        assertTrue(db(level) <= -minDb, hz + " Hz leaked at " + db(level) + " dB");
    }

    @Test
    void upsamplingLeavesNoImages() {
        float[] x = sine(1000, 8000, 8000, 0.5);
        float[] y = new Resampler(8000, 16000).process(x);
        double tone = amplitudeAt(y, 1600, 9600, 1000, 16000);
        double image = amplitudeAt(y, 1600, 9600, 7000, 16000); // 8000 - 1000
        assertTrue(db(image / tone) < -65, "image at 7 kHz: " + db(image / tone) + " dB");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"8000, 16000", "16000, 8000", "22050, 8000", "24000, 8000", "44100, 16000", "8000, 8000"})
    void lengthsFollowTheRateRatioExactly(int in, int out) {
        Resampler r = new Resampler(in, out);
        // one second in any chunking gives exactly `out` samples; 20 ms gives exactly out / 50
        assertEquals(out / 50, r.outputSamplesFor(in / 50));
        int total = 0;
        for (int i = 0; i < 50; i++) {
            total += r.process(new float[in / 50]).length;
        }
        assertEquals(out, total);
        assertEquals(out, Resampler.resampleAll(new float[in], in, out).length);
    }

    @Test
    void oddChunkCountsAddUpToCeilingOfTheRatio() {
        Resampler r = new Resampler(22050, 8000);
        long inputs = 0;
        long outputs = 0;
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            int n = random.nextInt(700);
            inputs += n;
            outputs += r.process(new float[n]).length;
            assertEquals((inputs * 160 + 440) / 441, outputs, "after " + inputs + " inputs");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"8000, 16000", "16000, 8000", "22050, 8000", "24000, 8000"})
    void streamingChunkByChunkEqualsOneShot(int in, int out) {
        Random random = new Random(42);
        float[] x = new float[in * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * 0.2);
        }
        float[] oneShot = new Resampler(in, out).process(x);
        Resampler streaming = new Resampler(in, out);
        float[] chunked = new float[oneShot.length];
        int pos = 0;
        int written = 0;
        while (pos < x.length) {
            int n = Math.min(x.length - pos, random.nextInt(1500));
            float[] part = new float[n];
            System.arraycopy(x, pos, part, 0, n);
            float[] y = streaming.process(part);
            System.arraycopy(y, 0, chunked, written, y.length);
            written += y.length;
            pos += n;
        }
        assertEquals(oneShot.length, written);
        assertArrayEquals(oneShot, chunked);
    }

    @Test
    void resampleAllRemovesTheFilterDelay() {
        float[] x = sine(440, 8000, 8000, 0.5);
        float[] y = Resampler.resampleAll(x, 8000, 16000);
        float[] expected = sine(440, 16000, 16000, 0.5);
        for (int i = 800; i < 15200; i++) {
            assertEquals(expected[i], y[i], 0.002, "sample " + i);
        }
    }

    @Test
    void upThenDownReturnsTheTelephoneBandSignal() {
        Random random = new Random(3);
        // band-limited test signal: a few tones inside 300-3400 Hz
        float[] x = new float[8000];
        double[] tones = {310, 740, 1333, 2100, 3300};
        for (double f : tones) {
            double phase = random.nextDouble() * 2 * Math.PI;
            for (int i = 0; i < x.length; i++) {
                x[i] += (float) (0.15 * Math.sin(2 * Math.PI * f * i / 8000 + phase));
            }
        }
        float[] back = Resampler.resampleAll(Resampler.resampleAll(x, 8000, 16000), 16000, 8000);
        double maxError = 0;
        for (int i = 400; i < 7600; i++) {
            maxError = Math.max(maxError, Math.abs(back[i] - x[i]));
        }
        assertTrue(maxError < 0.01, "max error " + maxError);
    }

    @Test
    void pcm16ConvenienceClipsInsteadOfWrapping() {
        short[] loud = new short[1600];
        for (int i = 0; i < loud.length; i++) {
            loud[i] = (i / 20) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE; // square wave overshoots when filtered
        }
        short[] y = new Resampler(8000, 16000).process(loud);
        assertEquals(3200, y.length);
        int clippedHigh = 0;
        for (short v : y) {
            clippedHigh += v == Short.MAX_VALUE ? 1 : 0;
        }
        assertTrue(clippedHigh > 0, "the Gibbs overshoot must have been clipped");
        for (int i = 200; i < y.length; i++) {
            // a wrapped overshoot would flip sign in the middle of a plateau
            // 20 input samples per half period = 40 outputs; the streaming filter lags by 40 outputs
            int plateau = ((i - 40) / 40) % 2 == 0 ? 1 : -1;
            if ((i - 40) % 40 > 3 && (i - 40) % 40 < 37) {
                assertEquals(plateau, Integer.signum(y[i]), "sample " + i);
            }
        }
    }

    @Test
    void rejectsNonPositiveRates() {
        assertThrows(IllegalArgumentException.class, () -> new Resampler(0, 8000));
        assertThrows(IllegalArgumentException.class, () -> new Resampler(8000, -1));
    }

    @Test
    void resetStartsTheStreamAgain() {
        Resampler r = new Resampler(8000, 16000);
        float[] x = sine(500, 8000, 800, 0.3);
        float[] first = r.process(x);
        r.reset();
        assertArrayEquals(first, r.process(x));
    }
}
