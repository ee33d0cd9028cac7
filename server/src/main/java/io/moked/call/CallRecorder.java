package io.moked.call;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moked.agent.tools.ToolResult;
import io.moked.audio.AudioFormat;
import io.moked.llm.ToolCall;
import io.moked.audio.StereoWavRecorder;
import io.moked.pipeline.AudioSentFrame;
import io.moked.pipeline.Direction;
import io.moked.pipeline.ErrorFrame;
import io.moked.pipeline.Frame;
import io.moked.pipeline.InputAudioFrame;
import io.moked.pipeline.MetricsFrame;
import io.moked.pipeline.PipelineContext;
import io.moked.pipeline.PipelineObserver;
import io.moked.pipeline.ReplyPlayedFrame;
import io.moked.pipeline.SerialExecutor;
import io.moked.pipeline.TranscriptionFrame;
import io.moked.pipeline.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Observer that persists a call off the audio path: each turn as soon as it is complete (caller turns when
 * transcribed, agent turns when played or interrupted, cut to what was heard), the stereo recording (caller left,
 * agent right) written incrementally, and the stage timings as metrics. All blocking work runs in order on the
 * call's lane of the persistence executor.
 */
public final class CallRecorder implements PipelineObserver {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CallPlan plan;
    private final CallJournal journal;
    private final CallMetrics metrics;
    private final SerialExecutor lane;
    private final PipelineContext context;
    private final Path recordingFile;
    private StereoWavRecorder wav;

    /** @param recordingFile where to record, or null when the tenant does not record */
    public CallRecorder(CallPlan plan, CallJournal journal, CallMetrics metrics, Executor persistence,
                        PipelineContext context, Path recordingFile) {
        this.plan = plan;
        this.journal = journal;
        this.metrics = metrics;
        this.lane = new SerialExecutor(persistence);
        this.context = context;
        this.recordingFile = recordingFile;
        if (recordingFile != null) {
            lane.execute(context.withLogContext(this::openRecording));
        }
    }

    @Override
    public void onFrame(String processor, Frame frame, Direction direction) {
        if (frame instanceof InputAudioFrame in) {
            record(StereoWavRecorder.Channel.CALLER, in.offsetMs(), in.pcm());
        } else if (frame instanceof AudioSentFrame out) {
            record(StereoWavRecorder.Channel.AGENT, out.offsetMs(), out.pcm());
        } else if (frame instanceof MetricsFrame m) {
            metrics.record(m.stage(), m.nanos());
        } else if (frame instanceof ErrorFrame e) {
            metrics.pipelineError(e.processor());
        } else if (frame instanceof TranscriptionFrame t) {
            write(new CallJournal.Turn(CallJournal.Role.USER, t.text(), t.startOffsetMs(), t.endOffsetMs(),
                    t.confidence(), false, null, null));
        } else if (frame instanceof ReplyPlayedFrame p && !p.spokenText().isBlank()) {
            Reply.Outcome o = p.outcome();
            Integer latencyMs = o.latencyNanos() < 0 ? null : (int) TimeUnit.NANOSECONDS.toMillis(o.latencyNanos());
            write(new CallJournal.Turn(CallJournal.Role.ASSISTANT, o.spokenText(), o.startOffsetMs(),
                    o.endOffsetMs(), null, o.interrupted(), latencyMs, o.stages()));
        }
    }

    /**
     * A tool the assistant called and its result, stored as a {@code tool} turn in order with the others (called on
     * the tool thread; the write runs on this call's persistence lane).
     */
    public void toolTurn(ToolCall call, ToolResult result) {
        ObjectNode row = JSON.createObjectNode();
        row.put("tool", call.name());
        try {
            row.set("arguments", JSON.readTree(call.argumentsJson()));
        } catch (IOException | RuntimeException e) {
            row.put("arguments", call.argumentsJson()); // malformed: kept as the model sent it
        }
        try {
            row.set("result", JSON.readTree(result.json()));
        } catch (IOException e) {
            row.put("result", result.json());
        }
        write(new CallJournal.Turn(CallJournal.Role.TOOL, row.toString(), 0, 0, null, false, null, null));
    }

    private void write(CallJournal.Turn turn) {
        lane.execute(context.withLogContext(() -> {
            try {
                journal.turn(plan, turn);
            } catch (RuntimeException e) {
                LOG.error("could not store a {} turn", turn.role(), e);
            }
        }));
    }

    private void record(StereoWavRecorder.Channel channel, long offsetMs, short[] pcm) {
        if (recordingFile == null) {
            return;
        }
        long startSample = offsetMs * AudioFormat.TELEPHONE_SAMPLE_RATE_HZ / 1000;
        lane.execute(() -> {
            if (wav == null) {
                return;
            }
            try {
                wav.write(channel, startSample, pcm);
            } catch (IOException e) {
                context.withLogContext(() -> LOG.error("recording failed; the call goes on unrecorded", e)).run();
                closeQuietly();
            }
        });
    }

    private void openRecording() {
        try {
            Files.createDirectories(recordingFile.getParent());
            wav = new StereoWavRecorder(recordingFile, AudioFormat.TELEPHONE_SAMPLE_RATE_HZ);
            journal.recording(plan, recordingFile.toString());
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot record to {}; the call goes on unrecorded", recordingFile, e);
            wav = null;
        }
    }

    /** Finishes the recording and marks the call ended; completes when everything is written. */
    public CompletableFuture<Void> finish(String reason) {
        return finish(reason, null);
    }

    /**
     * Finishes the recording, stores what happened to the caller's frames and marks the call ended; completes
     * when everything is written.
     *
     * @param frames the caller's frames (received, lost, duplicate, dropped), or null when unknown
     */
    public CompletableFuture<Void> finish(String reason, InboundTimeline.Stats frames) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        lane.execute(context.withLogContext(() -> {
            closeQuietly();
            try {
                if (frames != null) {
                    journal.inboundFrames(plan, frames);
                    if (frames.lost() + frames.duplicate() + frames.dropped() > 0) {
                        LOG.info("caller frames: {} received, {} lost, {} duplicate, {} dropped", frames.received(),
                                frames.lost(), frames.duplicate(), frames.dropped());
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("could not store the call's frame counts", e);
            }
            try {
                journal.callEnded(plan, reason);
            } catch (RuntimeException e) {
                LOG.error("could not mark the call ended", e);
            }
            done.complete(null);
        }));
        return done;
    }

    private void closeQuietly() {
        if (wav != null) {
            try {
                wav.close();
            } catch (IOException e) {
                LOG.warn("closing the recording failed", e);
            }
            wav = null;
        }
    }
}
