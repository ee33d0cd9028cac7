package io.moked.audio;

/**
 * Streaming sample-rate converter for mono audio: rational polyphase FIR (Kaiser-windowed sinc low-pass).
 *
 * <p>Converts {@code inputRateHz → outputRateHz} by upsampling by L, low-pass filtering and downsampling by M
 * (L/M = out/in reduced), computing only the outputs that are kept. The cut-off sits at the Nyquist frequency of
 * the lower rate, so downsampling does not alias and upsampling leaves no images; the filter spans
 * {@value #HALF_WIDTH_LOW_RATE_SAMPLES} samples of the lower rate on each side, which puts the transition band at
 * roughly ±11 % of the lower rate around its Nyquist (8 kHz side: flat to ~3.55 kHz, ≥70 dB down from ~4.45 kHz).
 *
 * <p>One instance per audio stream (it keeps the filter history between calls); not thread-safe. Feeding a stream
 * in chunks of any size gives exactly the same samples as feeding it at once. The filter is causal, so the output
 * lags the input by {@link #delayOutputSamples()}; {@link #resampleAll} compensates that for whole buffers.
 */
public final class Resampler {
    /** Filter half-length in samples of the lower of the two rates. */
    static final int HALF_WIDTH_LOW_RATE_SAMPLES = 20;
    /** Kaiser window shape: ~70 dB stop-band attenuation. */
    private static final double KAISER_BETA = 7.0;

    private final int inputRateHz;
    private final int outputRateHz;
    private final int up;
    private final int down;
    private final int taps;
    /** Per output phase, the taps in input order (oldest first) so the inner loop runs forward. */
    private final float[][] phaseTaps;
    private final double delayOutputSamples;

    /** Holds the last (taps - 1) inputs followed by the current chunk. */
    private float[] work;
    private long inputCount;
    private long outputCount;
    /** For output number outputCount: its newest input index and filter phase. */
    private long nextNewest;
    private int nextPhase;
    private final int newestStep;
    private final int phaseStep;

    public Resampler(int inputRateHz, int outputRateHz) {
        if (inputRateHz <= 0 || outputRateHz <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + inputRateHz + " -> " + outputRateHz);
        }
        this.inputRateHz = inputRateHz;
        this.outputRateHz = outputRateHz;
        int gcd = gcd(inputRateHz, outputRateHz);
        this.up = outputRateHz / gcd;
        this.down = inputRateHz / gcd;
        int lowRate = Math.min(inputRateHz, outputRateHz);
        this.taps = inputRateHz == outputRateHz ? 1
                : (int) Math.ceil(2.0 * HALF_WIDTH_LOW_RATE_SAMPLES * inputRateHz / lowRate);
        this.phaseTaps = design(up, taps, lowRate / 2.0 / ((double) inputRateHz * up));
        this.delayOutputSamples = inputRateHz == outputRateHz ? 0 : (taps * up / 2.0) / down;
        this.work = new float[taps - 1 + 1024];
        this.newestStep = down / up;
        this.phaseStep = down % up;
    }

    public int inputRateHz() {
        return inputRateHz;
    }

    public int outputRateHz() {
        return outputRateHz;
    }

    /** Output lag of the streaming filter, in output samples (e.g. 40 for 8→16 kHz, 2.5 ms). */
    public double delayOutputSamples() {
        return delayOutputSamples;
    }

    /**
     * Input samples an output depends on (the filter length): a fresh instance fed a stream from any point gives
     * exactly the samples of one that saw the whole stream once this many inputs have gone in.
     */
    public int historyInputSamples() {
        return taps;
    }

    /** Exactly how many samples the next {@link #process} call with {@code inputSamples} inputs will return. */
    public int outputSamplesFor(int inputSamples) {
        return (int) (outputsAfter(inputCount + inputSamples) - outputCount);
    }

    /** Forgets the history, as if the stream started again. */
    public void reset() {
        inputCount = 0;
        outputCount = 0;
        nextNewest = 0;
        nextPhase = 0;
        java.util.Arrays.fill(work, 0f);
    }

    /**
     * Resamples {@code len} inputs into {@code out} (which needs {@link #outputSamplesFor(int)} free slots).
     *
     * @return number of samples written
     */
    public int process(float[] in, int inOff, int len, float[] out, int outOff) {
        int history = taps - 1;
        if (work.length < history + len) {
            float[] bigger = new float[history + len];
            System.arraycopy(work, 0, bigger, 0, history);
            work = bigger;
        }
        System.arraycopy(in, inOff, work, history, len);
        long firstInput = inputCount; // absolute index of work[history]
        long endInput = inputCount + len;
        int written = 0;
        // Output n sits at upsampled time n * down: it needs input floor(n * down / up) (the newest tap) and uses
        // filter phase (n * down) mod up. Both advance incrementally instead of dividing per sample.
        while (nextNewest < endInput) {
            int start = (int) (nextNewest - firstInput); // == index in work of the oldest tap (newest - taps + 1)
            out[outOff + written++] = dot(phaseTaps[nextPhase], work, start);
            nextPhase += phaseStep;
            nextNewest += newestStep;
            if (nextPhase >= up) {
                nextPhase -= up;
                nextNewest++;
            }
        }
        System.arraycopy(work, len, work, 0, history);
        inputCount = endInput;
        outputCount += written;
        return written;
    }

    public float[] process(float[] in) {
        float[] out = new float[outputSamplesFor(in.length)];
        process(in, 0, in.length, out, 0);
        return out;
    }

    /** PCM16 convenience: converts to float, resamples, rounds back with clipping. */
    public short[] process(short[] in) {
        return Pcm16.toShort(process(Pcm16.toFloat(in)));
    }

    /**
     * Resamples a whole buffer with the filter delay removed, so output sample i lines up with time
     * i / outputRateHz of the input. Output length is ceil(in.length * out / in).
     */
    public static float[] resampleAll(float[] in, int inputRateHz, int outputRateHz) {
        Resampler r = new Resampler(inputRateHz, outputRateHz);
        int length = (int) r.outputsAfter(in.length);
        int delay = (int) Math.round(r.delayOutputSamples);
        float[] head = r.process(in);
        // Flush with zeros until the delayed tail of the signal has come out.
        int flushInputs = (int) Math.ceil((double) (delay + 1) * inputRateHz / outputRateHz) + r.taps;
        float[] tail = r.process(new float[flushInputs]);
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            int j = i + delay;
            out[i] = j < head.length ? head[j] : tail[j - head.length];
        }
        return out;
    }

    /**
     * Filter dot product with four independent accumulators: a single running sum is bound by the latency of
     * each float add; four let the CPU overlap them (about 3x faster here). Same order every call, so streaming
     * and one-shot results stay identical.
     */
    private float dot(float[] coefficients, float[] x, int start) {
        float a0 = 0f;
        float a1 = 0f;
        float a2 = 0f;
        float a3 = 0f;
        int k = 0;
        for (int end = taps - 3; k < end; k += 4) {
            a0 += coefficients[k] * x[start + k];
            a1 += coefficients[k + 1] * x[start + k + 1];
            a2 += coefficients[k + 2] * x[start + k + 2];
            a3 += coefficients[k + 3] * x[start + k + 3];
        }
        for (; k < taps; k++) {
            a0 += coefficients[k] * x[start + k];
        }
        return (a0 + a1) + (a2 + a3);
    }

    /** Number of outputs n with floor(n * down / up) < inputs, i.e. ceil(inputs * up / down). */
    private long outputsAfter(long inputs) {
        return (inputs * up + down - 1) / down;
    }

    /**
     * Designs the prototype low-pass at the upsampled rate (length up * taps, centre up * taps / 2) and splits it
     * into {@code up} phases. Each phase is normalised to unit sum so every output has exactly unity DC gain.
     *
     * @param cutoff cut-off in cycles per upsampled sample
     */
    private static float[][] design(int up, int taps, double cutoff) {
        float[][] phases = new float[up][taps];
        if (taps == 1) {
            phases[0][0] = 1f;
            return phases;
        }
        int length = up * taps;
        double centre = length / 2.0;
        double i0Beta = besselI0(KAISER_BETA);
        for (int p = 0; p < up; p++) {
            double sum = 0;
            double[] h = new double[taps];
            for (int k = 0; k < taps; k++) {
                int j = p + k * up; // prototype index; tap k multiplies input x[newest - k]
                double t = j - centre;
                double sinc = t == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
                double r = t / centre;
                double window = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
                h[k] = sinc * window;
                sum += h[k];
            }
            for (int k = 0; k < taps; k++) {
                phases[p][taps - 1 - k] = (float) (h[k] / sum);
            }
        }
        return phases;
    }

    /** Modified Bessel function of the first kind, order 0 (power series; converges fast for beta ≤ 10). */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double halfX = x / 2;
        for (int k = 1; k < 50; k++) {
            term *= (halfX / k) * (halfX / k);
            sum += term;
            if (term < sum * 1e-12) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
