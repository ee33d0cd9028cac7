package io.moked.pipeline.processors;

import io.moked.pipeline.Direction;
import io.moked.pipeline.EndFrame;
import io.moked.pipeline.ErrorFrame;
import io.moked.pipeline.Frame;
import io.moked.pipeline.FrameProcessor;
import io.moked.pipeline.MetricsFrame;
import io.moked.pipeline.NoWordsFrame;
import io.moked.pipeline.AsyncLane;
import io.moked.pipeline.SpeechPausedFrame;
import io.moked.pipeline.SpeechResumedFrame;
import io.moked.pipeline.SpeechSegmentFrame;
import io.moked.pipeline.SpeculativeTranscriptionFrame;
import io.moked.pipeline.TranscriptionFrame;
import io.moked.pipeline.TurnEventFrame;
import io.moked.stt.SttEngine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Transcribes each caller speech segment (one at a time per call, so turns stay in order) and pushes the text on.
 * The work runs on the STT engines' executor; an STT failure loses that turn's text but never the call.
 * <p>
 * Preemptive speech-to-text: at a pause in the caller's turn ({@link SpeechPausedFrame}, a short silence before the
 * end-of-turn silence) the audio so far is transcribed at once. When the turn then ends at that pause (its segment
 * has the same start and end, so the same audio), that transcript is used and the end-of-turn silence has hidden
 * the STT time; when the caller went on, it is thrown away. Both are counted ({@link TurnEventFrame}). A speculative
 * transcript ready while its turn may still end at the pause goes on as a {@link SpeculativeTranscriptionFrame}, so
 * the agent can start the model speculatively too.
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
    /** The transcription started at the latest pause of the current turn, or null. Processor thread only. */
    private Speculation speculation;

    public SttProcessor(Transcriber stt, String language) {
        super("stt");
        this.stt = stt;
        this.language = language;
    }

    @Override
    protected void process(Frame frame, Direction direction) {
        if (frame instanceof SpeechPausedFrame paused) {
            discardSpeculation();
            if (!ended) {
                Speculation started = new Speculation(paused.startOffsetMs(), paused.endOffsetMs(),
                        context().clock().nanoTime(), stt.transcribe(paused.pcm16k(), language));
                speculation = started;
                started.transcript().whenComplete((transcript, error) -> runInOrder(() -> speculated(started,
                        transcript)));
            }
            return;
        }
        if (frame instanceof SpeechResumedFrame) {
            discardSpeculation(); // the turn does not end at the pause; the agent drops its draft too
            forward(frame, direction);
            return;
        }
        if (frame instanceof SpeechSegmentFrame segment) {
            Speculation ahead = speculation;
            speculation = null;
            if (ahead != null && ahead.startOffsetMs() == segment.startOffsetMs()
                    && ahead.endOffsetMs() == segment.endOffsetMs()) {
                report(new TurnEventFrame(TurnEventFrame.Event.SPECULATION_USED));
                lane.then(() -> ended ? null : ahead.transcript().whenComplete((transcript, error) -> context()
                        .withLogContext(() -> done(segment, ahead.startedNanos(), transcript, error)).run()));
            } else {
                if (ahead != null) {
                    speculation = ahead;
                    discardSpeculation();
                }
                lane.then(() -> transcribe(segment));
            }
            return;
        }
        if (frame instanceof EndFrame) {
            ended = true;
            speculation = null;
            lane.clear();
        }
        forward(frame, direction);
    }

    /**
     * The speculative transcript is ready while its turn may still end at the pause: the agent may start on it. A
     * failure or no words gives nothing to start on (the confirmed path reports them).
     */
    private void speculated(Speculation done, SttEngine.Transcript transcript) {
        String text = transcript == null || transcript.text() == null ? "" : transcript.text().strip();
        if (speculation != done || ended || text.isEmpty()) {
            return; // the caller went on (or the turn already ended and the segment's path took it over)
        }
        push(new SpeculativeTranscriptionFrame(text, transcript.confidence(),
                transcript.language() == null ? language : transcript.language(), done.startOffsetMs(),
                done.endOffsetMs()));
    }

    private void discardSpeculation() {
        if (speculation != null) {
            speculation = null;
            report(new TurnEventFrame(TurnEventFrame.Event.SPECULATION_DISCARDED));
        }
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
        long finished = context().clock().nanoTime();
        report(new MetricsFrame(MetricsFrame.Stage.STT, finished - started));
        // a speculative transcript may be ready before the turn ended: for the turn it is ready at its end
        long done = Math.max(finished, segment.speechEndNanos());
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

    private record Speculation(long startOffsetMs, long endOffsetMs, long startedNanos,
                               CompletableFuture<SttEngine.Transcript> transcript) {
    }
}
