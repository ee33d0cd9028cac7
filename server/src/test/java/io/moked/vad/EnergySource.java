package io.moked.vad;

/**
 * Test stand-in for Silero: "speech" is any chunk whose RMS exceeds a level, so tests control exactly where speech
 * is by writing tones and silence. Also records how many chunks it saw.
 */
final class EnergySource implements SpeechProbabilitySource {
    private final int rate;
    private final int chunk;
    int chunksSeen;

    EnergySource(int rate) {
        this.rate = rate;
        this.chunk = rate == 16000 ? 512 : 256;
    }

    @Override
    public int sampleRateHz() {
        return rate;
    }

    @Override
    public int chunkSamples() {
        return chunk;
    }

    @Override
    public float speechProbability(float[] samples) {
        if (samples.length != chunk) {
            throw new AssertionError("chunk of " + samples.length);
        }
        chunksSeen++;
        double sum = 0;
        for (float s : samples) {
            sum += s * s;
        }
        return Math.sqrt(sum / samples.length) > 0.05 ? 0.95f : 0.02f;
    }

    @Override
    public void reset() {
        chunksSeen = 0;
    }
}
