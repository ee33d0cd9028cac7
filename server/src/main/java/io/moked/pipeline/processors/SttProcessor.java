package io.moked.pipeline.processors;

import io.moked.audio.AudioFormat;
import io.moked.audio.Pcm16;
import io.moked.audio.Resampler;
import io.moked.engine.EngineException;
import io.moked.pipeline.Direction;
import io.moked.pipeline.EndFrame;
import io.moked.pipeline.ErrorFrame;
import io.moked.pipeline.Frame;
import io.moked.pipeline.FrameProcessor;
import io.moked.pipeline.MetricsFrame;
import io.moked.pipeline.SerialExecutor;
import io.moked.pipeline.SpeechSegmentFrame;
import io.moked.pipeline.TranscriptionFrame;
import io.moked.stt.SttEngine;

import java.util.concurrent.Executor;

/**
 * Transcribes each caller speech segment on the STT executor (one at a time per call, so turns stay in order) and
 * pushes the text on. An STT failure loses that turn's text but never the call.
 */
public final class SttProcessor extends FrameProcessor {
    private final SttEngine stt;
    private final SerialExecutor lane;
    private final String language;
    private volatile boolean ended;

    public SttProcessor(SttEngine stt, Executor sttExecutor, String language) {
        super("stt");
        this.stt = stt;
        this.lane = new SerialExecutor(sttExecutor);
        this.language = language;
    }

    @Override
    protected void process(Frame frame, Direction direction) {
        if (frame instanceof SpeechSegmentFrame segment) {
            lane.execute(context().withLogContext(() -> transcribe(segment)));
            return;
        }
        if (frame instanceof EndFrame) {
            ended = true;
            lane.clearPending();
        }
        forward(frame, direction);
    }

    private void transcribe(SpeechSegmentFrame segment) {
        if (ended) {
            return;
        }
        float[] pcm = Pcm16.toFloat(segment.pcm());
        if (segment.sampleRateHz() != AudioFormat.STT_SAMPLE_RATE_HZ) {
            pcm = Resampler.resampleAll(pcm, segment.sampleRateHz(), AudioFormat.STT_SAMPLE_RATE_HZ);
        }
        long started = System.nanoTime();
        SttEngine.Transcript transcript;
        try {
            transcript = stt.transcribe(pcm, language);
        } catch (EngineException | RuntimeException e) {
            log.warn("speech-to-text failed for {} ms of caller speech: {}",
                    segment.endOffsetMs() - segment.startOffsetMs(), e.toString());
            report(new ErrorFrame(name(), "speech-to-text failed: " + e.getMessage(), e));
            return;
        }
        long done = System.nanoTime();
        report(new MetricsFrame(MetricsFrame.Stage.STT, done - started));
        report(new MetricsFrame(MetricsFrame.Stage.VAD_END_TO_STT, done - segment.speechEndNanos()));
        String text = transcript.text() == null ? "" : transcript.text().strip();
        if (text.isEmpty()) {
            log.debug("no words in {} ms of caller speech", segment.endOffsetMs() - segment.startOffsetMs());
            return;
        }
        if (!ended) {
            push(new TranscriptionFrame(text, transcript.confidence(),
                    transcript.language() == null ? language : transcript.language(),
                    segment.startOffsetMs(), segment.endOffsetMs(), segment.speechEndNanos()));
        }
    }
}
