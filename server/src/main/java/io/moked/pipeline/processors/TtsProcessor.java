package io.moked.pipeline.processors;

import io.moked.audio.AudioFormat;
import io.moked.audio.Resampler;
import io.moked.engine.Cancellation;
import io.moked.pipeline.AsyncLane;
import io.moked.pipeline.DataFrame;
import io.moked.pipeline.Direction;
import io.moked.pipeline.EndFrame;
import io.moked.pipeline.ErrorFrame;
import io.moked.pipeline.Frame;
import io.moked.pipeline.FrameProcessor;
import io.moked.pipeline.MetricsFrame;
import io.moked.pipeline.SentenceFrame;
import io.moked.pipeline.TtsAudioFrame;
import io.moked.pipeline.TtsStoppedFrame;
import io.moked.tts.TtsEngine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;

/**
 * Speaks sentences one at a time per call, streaming the audio on at the telephone rate as it is synthesized (on the
 * TTS engines' executor, or at once from the phrase cache). Other data frames of a reply (start, end, hang-up) go
 * through the same lane so they stay behind the audio they follow. Each synthesis is cancelled with its reply, so
 * an interruption stops the sentence being synthesized and turns the queued ones of that reply into no-ops.
 */
public final class TtsProcessor extends FrameProcessor {
    /** Asynchronous text-to-speech; in the appliance {@code TtsRouter::synthesize}. */
    @FunctionalInterface
    public interface Synthesizer {
        CompletableFuture<?> synthesize(String text, String language, String voice, TtsEngine.AudioSink sink,
                                        Cancellation cancel);
    }

    private final Synthesizer tts;
    private final AsyncLane lane = new AsyncLane();
    private final String language;
    private final String voice;
    private final UnaryOperator<String> speechText;
    private volatile Cancellation current = Cancellation.none();
    private volatile boolean ended;

    /**
     * @param voice      voice id from tenant config, or null for the engine default
     * @param speechText turns written text into what is spoken (numbers, prices, times spelled out); the turn
     *                   text and the heard words stay as written
     */
    public TtsProcessor(Synthesizer tts, String language, String voice, UnaryOperator<String> speechText) {
        super("tts");
        this.tts = tts;
        this.speechText = speechText;
        this.language = language;
        this.voice = voice;
    }

    @Override
    protected void process(Frame frame, Direction direction) {
        if (direction == Direction.DOWNSTREAM && frame instanceof SentenceFrame sentence) {
            lane.then(() -> speak(sentence));
            return;
        }
        if (direction == Direction.DOWNSTREAM && frame instanceof DataFrame data) {
            lane.thenRun(() -> {
                if (!data.stale() && !ended) {
                    forward(frame, direction);
                }
            });
            return;
        }
        if (frame instanceof EndFrame) {
            ended = true;
            lane.clear();
            current.cancel();
        }
        forward(frame, direction);
    }

    private CompletableFuture<?> speak(SentenceFrame sentence) {
        if (sentence.stale() || ended) {
            return null;
        }
        Cancellation cancel = Cancellation.linkedTo(sentence.reply().cancellation());
        current = cancel;
        ToTelephoneRate sink = new ToTelephoneRate(sentence, cancel, context().clock().nanoTime());
        String spoken;
        try {
            spoken = speechText.apply(sentence.text());
        } catch (RuntimeException e) {
            log.warn("speech normalisation failed for sentence {}; speaking it as written: {}", sentence.seq(),
                    e.toString());
            spoken = sentence.text();
        }
        return tts.synthesize(spoken, language, voice, sink, cancel).whenComplete((result, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                context().withLogContext(() -> log.warn("text-to-speech failed for sentence {} of reply {}: {}",
                        sentence.seq(), sentence.reply().id(), cause.toString())).run();
                report(new ErrorFrame(name(), "text-to-speech failed: " + cause.getMessage(), cause));
            }
            if (!sentence.stale() && !ended) {
                push(new TtsStoppedFrame(sentence.reply(), sentence.seq()));
            }
        });
    }

    /** Resamples engine audio to 8 kHz and pushes it while the sentence is still wanted. */
    private final class ToTelephoneRate implements TtsEngine.AudioSink {
        private final SentenceFrame sentence;
        private final Cancellation cancel;
        private final long startedNanos;
        private Resampler resampler;
        private boolean first = true;

        ToTelephoneRate(SentenceFrame sentence, Cancellation cancel, long startedNanos) {
            this.sentence = sentence;
            this.cancel = cancel;
            this.startedNanos = startedNanos;
        }

        @Override
        public void onAudio(short[] pcm, int sampleRateHz) {
            if (cancel.isCancelled() || ended || pcm.length == 0) {
                return;
            }
            if (first) {
                first = false;
                long now = context().clock().nanoTime();
                sentence.reply().latency().ttsFirstAudio(now);
                report(new MetricsFrame(MetricsFrame.Stage.TTS_FIRST_AUDIO, now - startedNanos));
            }
            short[] out = pcm;
            if (sampleRateHz != AudioFormat.TELEPHONE_SAMPLE_RATE_HZ) {
                if (resampler == null || resampler.inputRateHz() != sampleRateHz) {
                    resampler = new Resampler(sampleRateHz, AudioFormat.TELEPHONE_SAMPLE_RATE_HZ);
                }
                out = resampler.process(pcm);
            }
            if (out.length > 0) {
                push(new TtsAudioFrame(sentence.reply(), sentence.seq(), out, AudioFormat.TELEPHONE_SAMPLE_RATE_HZ));
            }
        }
    }
}
