package io.moked.pipeline;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs one processor alone, deterministically (compare pipecat's {@code tests/utils.py::run_test}): frames go in
 * downstream or upstream, the frames it passes on come out at either end, and everything it pushes or reports is
 * seen by an observer. Its queue runs on a {@link ManualExecutor} and its time is {@link VirtualTime}, so a test
 * needs no sleeps: every call below returns once the processor has nothing left to do.
 */
public final class ProcessorHarness {
    private final ManualExecutor executor = new ManualExecutor();
    private final VirtualTime time = new VirtualTime(executor);
    private final List<Frame> downstream = new CopyOnWriteArrayList<>();
    private final List<Frame> upstream = new CopyOnWriteArrayList<>();
    private final List<Frame> observed = new CopyOnWriteArrayList<>();
    private final Edge head = new Edge("test-head", upstream);
    private final Edge tail = new Edge("test-tail", downstream);
    private Pipeline pipeline;

    /** The executor for a processor that runs on its own (e.g. the pacing). */
    public ManualExecutor executor() {
        return executor;
    }

    public VirtualTime time() {
        return time;
    }

    /** Puts the processor between the harness's two ends. */
    public <P extends FrameProcessor> P start(P processor) {
        startChain(processor);
        return processor;
    }

    /**
     * Puts several processors, in order, between the harness's two ends (a pipeline-level test: the frames that
     * leave the chain come out at the ends, everything any of them pushes or reports is observed).
     */
    public void startChain(FrameProcessor... processors) {
        PipelineContext context = new PipelineContext(executor, Map.of("callSid", "CA-harness"), time);
        context.addObserver((name, frame, direction) -> {
            if (!name.startsWith("test-")) {
                observed.add(frame);
            }
        });
        List<FrameProcessor> all = new java.util.ArrayList<>();
        all.add(head);
        all.addAll(List.of(processors));
        all.add(tail);
        pipeline = new Pipeline(all, context);
    }

    /** Frames into the processor, flowing downstream, in order; returns once it is idle. */
    public ProcessorHarness send(Frame... frames) {
        for (Frame frame : frames) {
            head.inject(frame, Direction.DOWNSTREAM);
        }
        executor.runUntilIdle();
        return this;
    }

    /** Frames into the processor from below, flowing upstream; returns once it is idle. */
    public ProcessorHarness sendUp(Frame... frames) {
        for (Frame frame : frames) {
            tail.inject(frame, Direction.UPSTREAM);
        }
        executor.runUntilIdle();
        return this;
    }

    /** Runs what other threads (engine callbacks) queued meanwhile. */
    public ProcessorHarness settle() {
        executor.runUntilIdle();
        return this;
    }

    public ProcessorHarness advanceMs(long ms) {
        time.advanceMs(ms);
        return this;
    }

    /** What left the processor downstream, in order. */
    public List<Frame> downstream() {
        return List.copyOf(downstream);
    }

    /** What left the processor upstream, in order. */
    public List<Frame> upstream() {
        return List.copyOf(upstream);
    }

    /** Everything the processor pushed or reported (metrics, errors, audio sent), in order. */
    public List<Frame> observed() {
        return List.copyOf(observed);
    }

    public <T extends Frame> List<T> downstream(Class<T> type) {
        return of(downstream, type);
    }

    public <T extends Frame> List<T> upstream(Class<T> type) {
        return of(upstream, type);
    }

    public <T extends Frame> List<T> observed(Class<T> type) {
        return of(observed, type);
    }

    private static <T extends Frame> List<T> of(List<Frame> frames, Class<T> type) {
        return frames.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** A short name for a frame, for asserting on the order of frames. */
    public static String describe(Frame frame) {
        if (frame instanceof LlmTextFrame t) {
            return "text:" + t.text();
        } else if (frame instanceof DtmfFrame d) {
            return "dtmf:" + d.digit();
        } else if (frame instanceof EndFrame) {
            return "end";
        } else if (frame instanceof InterruptionFrame) {
            return "interruption";
        } else if (frame instanceof ReplyStartFrame) {
            return "reply-start";
        } else if (frame instanceof ReplyEndFrame) {
            return "reply-end";
        } else if (frame instanceof TtsAudioFrame a) {
            return "audio:" + a.seq();
        } else if (frame instanceof TtsStoppedFrame s) {
            return "stopped:" + s.seq();
        } else if (frame instanceof HangupFrame h) {
            return "hangup:" + h.ending().id();
        }
        return frame.getClass().getSimpleName();
    }

    /** An end of the harness: records what reaches it and injects frames towards the processor. */
    private static final class Edge extends FrameProcessor {
        private final List<Frame> received;

        Edge(String name, List<Frame> received) {
            super(name);
            this.received = received;
        }

        void inject(Frame frame, Direction direction) {
            forward(frame, direction);
        }

        @Override
        protected void process(Frame frame, Direction direction) {
            received.add(frame);
        }
    }
}
