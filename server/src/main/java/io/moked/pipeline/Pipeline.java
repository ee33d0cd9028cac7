package io.moked.pipeline;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Processors linked in a chain. Frames enter at the head ({@link #queue}); a frame leaving the tail downstream or
 * the head upstream goes to the optional sinks. The pipeline is finished when an {@link EndFrame} has left the tail.
 */
public final class Pipeline {
    private final List<FrameProcessor> processors;
    private final PipelineContext context;
    private final CompletableFuture<EndFrame> ended = new CompletableFuture<>();
    private final Consumer<Frame> downstreamSink;

    public Pipeline(List<FrameProcessor> processors, PipelineContext context) {
        this(processors, context, frame -> {
        });
    }

    public Pipeline(List<FrameProcessor> processors, PipelineContext context, Consumer<Frame> downstreamSink) {
        if (processors.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one processor");
        }
        this.processors = List.copyOf(processors);
        this.context = context;
        this.downstreamSink = downstreamSink;
        for (int i = 0; i < this.processors.size(); i++) {
            FrameProcessor previous = i == 0 ? null : this.processors.get(i - 1);
            FrameProcessor next = i == this.processors.size() - 1 ? null : this.processors.get(i + 1);
            this.processors.get(i).link(this, context, previous, next);
        }
    }

    public PipelineContext context() {
        return context;
    }

    /** Queues a frame from outside (the transport) at the head, flowing downstream; observers see it here. */
    public void queue(Frame frame) {
        context.notifyObservers("input", frame, Direction.DOWNSTREAM);
        processors.get(0).queue(frame, Direction.DOWNSTREAM);
    }

    /** Queues a frame from outside directly at one processor (e.g. mark echoes for the output). */
    public void queueAt(FrameProcessor processor, Frame frame) {
        context.notifyObservers("input", frame, Direction.DOWNSTREAM);
        processor.queue(frame, Direction.DOWNSTREAM);
    }

    /** Completes once an {@link EndFrame} has passed every processor. */
    public CompletableFuture<EndFrame> ended() {
        return ended;
    }

    public List<FrameProcessor> processors() {
        return processors;
    }

    void leftPipeline(Frame frame, Direction direction) {
        if (direction == Direction.DOWNSTREAM) {
            downstreamSink.accept(frame);
            if (frame instanceof EndFrame end) {
                ended.complete(end);
            }
        }
    }
}
