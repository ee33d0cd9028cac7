package io.moked.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One step of a call pipeline. Each processor has two input queues drained one frame at a time on the call's
 * executor (never concurrently with itself): system frames are always taken before data frames, so an interruption
 * or an end overtakes queued text and audio; an interruption travelling downstream also drops the data frames still
 * queued here. Data frames of an interrupted reply ({@link DataFrame#stale()}) never reach {@link #process}: the
 * interrupted-reply filter lives here once. {@link #queue} and {@link #push} are thread-safe, so engine and pacing
 * threads may push frames.
 */
public abstract class FrameProcessor {
    private static final int DRAIN_BATCH = 64;

    protected final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final Queue<Entry> systemQueue = new ConcurrentLinkedQueue<>();
    private final Queue<Entry> dataQueue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor executor;
    private volatile PipelineContext context;
    private volatile FrameProcessor previous;
    private volatile FrameProcessor next;
    private volatile Pipeline pipeline;

    protected FrameProcessor(String name) {
        this(name, null);
    }

    /**
     * @param executor runs this processor's queue instead of the pipeline's executor (e.g. the pacing, whose timing
     *                 must not wait behind other processors' work), or null for the pipeline's
     */
    protected FrameProcessor(String name, Executor executor) {
        this.name = name;
        this.executor = executor;
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
        Entry entry = new Entry(frame, direction, null);
        if (frame instanceof SystemFrame) {
            systemQueue.add(entry);
        } else {
            dataQueue.add(entry);
        }
        schedule();
    }

    /**
     * Runs {@code task} on this processor's thread, in order with its frames and ahead of queued data (timer
     * wake-ups use it, so a processor's state is only ever touched by its own drain). Thread-safe.
     */
    protected final void runInOrder(Runnable task) {
        systemQueue.add(new Entry(null, Direction.DOWNSTREAM, task));
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            (executor != null ? executor : context.executor()).execute(this::drain);
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
        if (frame instanceof InterruptionFrame && entry.direction() == Direction.DOWNSTREAM) {
            int dropped = dropStaleData();
            if (dropped > 0) {
                log.debug("{}: interruption dropped {} queued data frames", name, dropped);
            }
        }
        if (frame instanceof DataFrame data && data.stale()) {
            return; // a late frame of an interrupted reply
        }
        try {
            if (entry.task() != null) {
                entry.task().run();
            } else {
                process(frame, entry.direction());
            }
        } catch (RuntimeException e) {
            // one bad frame must not stop the call: report and go on
            String what = frame == null ? "a task" : frame.getClass().getSimpleName();
            log.error("{} failed on {}", name, what, e);
            report(new ErrorFrame(name, e.toString(), e));
        }
    }

    /**
     * Drops queued data of interrupted replies. Frames of a newer reply can only have been produced after the
     * interruption and are kept.
     */
    private int dropStaleData() {
        int dropped = 0;
        for (var it = dataQueue.iterator(); it.hasNext(); ) {
            if (((DataFrame) it.next().frame()).stale()) {
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

    /** A frame to process, or (frame null) a task to run in order. */
    private record Entry(Frame frame, Direction direction, Runnable task) {
    }
}
