package io.moked.cli.sim;

import io.moked.audio.AudioFormat;
import io.moked.audio.MuLaw;
import io.moked.audio.Pcm16;
import io.moked.audio.Resampler;
import io.moked.cli.sim.call.CallerVoice;
import io.moked.tts.TtsEngine;

import java.io.ByteArrayOutputStream;

/** Builds the simulated caller's voice ({@code say:} / {@code --say}) on a text-to-speech engine of the appliance. */
public final class CallerVoiceFactory {
    /** The language the simulated caller speaks (the appliance is Hebrew first). */
    public static final String CALLER_LANGUAGE = "he";

    private CallerVoiceFactory() {
    }

    /** A voice, or null with the reason there is none. */
    public record Voice(CallerVoice voice, String why) {
        public static Voice unavailable(String why) {
            return new Voice(null, why);
        }
    }

    /** Speaks a sentence into a sink of mono PCM16 chunks (any rate), blocking until done. */
    @FunctionalInterface
    public interface Synthesizer {
        void speak(String text, TtsEngine.AudioSink sink) throws Exception;
    }

    /** Collects the engine's PCM, resamples it to 8 kHz and encodes it as the μ-law a phone line carries. */
    public static CallerVoice on(Synthesizer synthesizer) {
        return text -> {
            ByteArrayOutputStream pcm = new ByteArrayOutputStream();
            int[] rate = {0};
            synthesizer.speak(text, (samples, sampleRateHz) -> {
                if (rate[0] != 0 && rate[0] != sampleRateHz) {
                    throw new IllegalStateException("TTS changed sample rate mid-sentence");
                }
                rate[0] = sampleRateHz;
                pcm.writeBytes(Pcm16.toBytesLE(samples));
            });
            if (pcm.size() == 0) {
                throw new IllegalStateException("the TTS engine returned no audio for \"" + text + "\"");
            }
            float[] samples = Pcm16.toFloat(Pcm16.fromBytesLE(pcm.toByteArray()));
            float[] telephone = rate[0] == AudioFormat.TELEPHONE_SAMPLE_RATE_HZ ? samples
                    : Resampler.resampleAll(samples, rate[0], AudioFormat.TELEPHONE_SAMPLE_RATE_HZ);
            return MuLaw.encode(Pcm16.toShort(telephone));
        };
    }
}
