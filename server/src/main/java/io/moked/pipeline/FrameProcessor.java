package io.moked.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One step of a call pipeline. Each processor has two input queues drained one frame at a time on the call's
 * executor (never concurrently with itself): system frames are always taken before data frames, so an interruption
 * or an end overtakes queued text and audio; an interruption travelling downstream also drops the data frames still
 * queued here. {@link #queue} and {@link #push} are thread-safe, so engine and pacing threads may push frames.
 */
public abstract class FrameProcessor {
    private static final int DRAIN_BATCH = 64;

    protected final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final Queue<Entry> systemQueue = new ConcurrentLinkedQueue<>();
    private final Queue<Entry> dataQueue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile PipelineContext context;
    private volatile FrameProcessor previous;
    private volatile FrameProcessor next;
    private volatile Pipeline pipeline;

    protected FrameProcessor(String name) {
        this.name = name;
    }

    public final String name() {
        return name;
    }

    final void link(Pipeline pipeline, PipelineContext context, FrameProcessor previous, FrameProcessor next) {
        this.pipeline = pipeline;
        this.context = context;
        this.previous = previous;
        this.next = next;
    }

    protected final PipelineContext context() {
        return context;
    }

    /** Hands a frame to this processor; returns at once. */
    public final void queue(Frame frame, Direction direction) {
        Entry entry = new Entry(frame, direction);
        if (frame instanceof SystemFrame) {
            systemQueue.add(entry);
        } else {
            dataQueue.add(entry);
        }
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            context.executor().execute(this::drain);
        }
    }

    private void drain() {
        Map<String, String> logContext = context.logContext();
        MDC.setContextMap(logContext);
        try {
            for (int i = 0; i < DRAIN_BATCH; i++) {
                Entry entry = systemQueue.poll();
                if (entry == null) {
                    entry = dataQueue.poll();
                }
                if (entry == null) {
                    break;
                }
                dispatch(entry);
            }
        } finally {
            MDC.clear();
            scheduled.set(false);
            // a frame queued after the last poll but before the flag was reset would otherwise wait forever
            if (!systemQueue.isEmpty() || !dataQueue.isEmpty()) {
                schedule();
            }
        }
    }

    private void dispatch(Entry entry) {
        Frame frame = entry.frame();
        if (frame instanceof InterruptionFrame interruption && entry.direction() == Direction.DOWNSTREAM) {
            int dropped = dropQueuedData(interruption.replyId());
            if (dropped > 0) {
                log.debug("{}: interruption dropped {} queued data frames", name, dropped);
            }
        }
        try {
            process(frame, entry.direction());
        } catch (RuntimeException e) {
            // one bad frame must not stop the call: report and go on
            log.error("{} failed on {}", name, frame.getClass().getSimpleName(), e);
            report(new ErrorFrame(name, e.toString(), e));
        }
    }

    /**
     * Drops queued downstream data of the interrupted reply and earlier ones. Frames of a newer reply can only have
     * been produced after the interruption and are kept.
     */
    private int dropQueuedData(long interruptedReplyId) {
        int dropped = 0;
        for (var it = dataQueue.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            long replyId = ((DataFrame) entry.frame()).replyId();
            if (entry.direction() == Direction.DOWNSTREAM && replyId <= interruptedReplyId) {
                it.remove();
                dropped++;
            }
        }
        return dropped;
    }

    /**
     * Handles one frame. Frames a processor does not consume must be passed on with {@link #forward}. Runs on the
     * call's executor; must not block (engine work goes to engine executors).
     */
    protected abstract void process(Frame frame, Direction direction);

    /**
     * Emits a frame this processor created to the next (downstream) or previous (upstream) processor. Observers see
     * each frame once, where it is emitted.
     */
    protected final void push(Frame frame, Direction direction) {
        context.notifyObservers(name, frame, direction);
        forward(frame, direction);
    }

    /** Passes on a frame this processor received, in the direction given (observers already saw it). */
    protected final void forward(Frame frame, Direction direction) {
        FrameProcessor target = direction == Direction.DOWNSTREAM ? next : previous;
        if (target != null) {
            target.queue(frame, direction);
        } else {
            pipeline.leftPipeline(frame, direction);
        }
    }

    protected final void push(Frame frame) {
        push(frame, Direction.DOWNSTREAM);
    }

    /** Shows a frame to the observers only (metrics, sent audio for the recording). */
    protected final void report(Frame frame) {
        context.notifyObservers(name, frame, Direction.DOWNSTREAM);
    }

    /** Number of frames waiting (for tests and diagnostics). */
    public final int queuedFrames() {
        return systemQueue.size() + dataQueue.size();
    }

    private record Entry(Frame frame, Direction direction) {
    }
}
