package io.moked.pipeline.processors;

import io.moked.pipeline.Direction;
import io.moked.pipeline.EndFrame;
import io.moked.pipeline.ErrorFrame;
import io.moked.pipeline.Frame;
import io.moked.pipeline.FrameProcessor;
import io.moked.pipeline.MetricsFrame;
import io.moked.pipeline.NoWordsFrame;
import io.moked.pipeline.AsyncLane;
import io.moked.pipeline.SpeechSegmentFrame;
import io.moked.pipeline.TranscriptionFrame;
import io.moked.stt.SttEngine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Transcribes each caller speech segment (one at a time per call, so turns stay in order) and pushes the text on.
 * The work runs on the STT engines' executor; an STT failure loses that turn's text but never the call.
 */
public final class SttProcessor extends FrameProcessor {
    /** Asynchronous speech-to-text; in the appliance {@code SttRouter::transcribe}. */
    @FunctionalInterface
    public interface Transcriber {
        CompletableFuture<SttEngine.Transcript> transcribe(float[] pcm16k, String language);
    }

    private final Transcriber stt;
    private final AsyncLane lane = new AsyncLane();
    private final String language;
    private volatile boolean ended;

    public SttProcessor(Transcriber stt, String language) {
        super("stt");
        this.stt = stt;
        this.language = language;
    }

    @Override
    protected void process(Frame frame, Direction direction) {
        if (frame instanceof SpeechSegmentFrame segment) {
            lane.then(() -> transcribe(segment));
            return;
        }
        if (frame instanceof EndFrame) {
            ended = true;
            lane.clear();
        }
        forward(frame, direction);
    }

    private CompletableFuture<?> transcribe(SpeechSegmentFrame segment) {
        if (ended) {
            return null;
        }
        float[] pcm = segment.pcm16k();
        long started = context().clock().nanoTime();
        return stt.transcribe(pcm, language).whenComplete(
                (transcript, error) -> context().withLogContext(() -> done(segment, started, transcript, error)).run());
    }

    private void done(SpeechSegmentFrame segment, long started, SttEngine.Transcript transcript, Throwable error) {
        long speechMs = segment.endOffsetMs() - segment.startOffsetMs();
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            log.warn("speech-to-text failed for {} ms of caller speech: {}", speechMs, cause.toString());
            report(new ErrorFrame(name(), "speech-to-text failed: " + cause.getMessage(), cause));
            return;
        }
        long done = context().clock().nanoTime();
        report(new MetricsFrame(MetricsFrame.Stage.STT, done - started));
        report(new MetricsFrame(MetricsFrame.Stage.VAD_END_TO_STT, done - segment.speechEndNanos()));
        String text = transcript.text() == null ? "" : transcript.text().strip();
        if (text.isEmpty()) {
            log.debug("no words in {} ms of caller speech", speechMs);
            if (!ended) {
                push(new NoWordsFrame(segment.startOffsetMs(), segment.endOffsetMs()));
            }
            return;
        }
        if (!ended) {
            push(new TranscriptionFrame(text, transcript.confidence(),
                    transcript.language() == null ? language : transcript.language(),
                    segment.startOffsetMs(), segment.endOffsetMs(), segment.endOfSpeechMs(), segment.speechEndNanos(),
                    done));
        }
    }
}
