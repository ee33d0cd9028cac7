package io.moked.testing;

import io.moked.pipeline.CallEnd;
import io.moked.pipeline.MarkEchoFrame;
import io.moked.pipeline.MediaOutput;
import io.moked.pipeline.Pipeline;
import io.moked.pipeline.FrameProcessor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Test far end: records what the output sends (with times) and, like Twilio, echoes each mark once the audio before
 * it has been "played" in real time; after a clear, echoes the marks still pending at once.
 */
public final class RecordingMediaOutput implements MediaOutput {
    public record Event(String kind, String detail, int samples, long nanos) {
    }

    public final List<Event> events = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final boolean echoMarks;
    private volatile Pipeline pipeline;
    private volatile FrameProcessor output;
    private long playedUntilNanos;
    private final List<String> pendingMarks = new CopyOnWriteArrayList<>();

    public RecordingMediaOutput(ScheduledExecutorService scheduler, boolean echoMarks) {
        this.scheduler = scheduler;
        this.echoMarks = echoMarks;
    }

    public void attach(Pipeline pipeline, FrameProcessor output) {
        this.pipeline = pipeline;
        this.output = output;
    }

    @Override
    public synchronized void sendAudio(short[] pcm8k) {
        long now = System.nanoTime();
        playedUntilNanos = Math.max(playedUntilNanos, now) + TimeUnit.MILLISECONDS.toNanos(pcm8k.length / 8);
        events.add(new Event("media", "", pcm8k.length, now));
    }

    @Override
    public synchronized void sendMark(String name) {
        events.add(new Event("mark", name, 0, System.nanoTime()));
        if (!echoMarks) {
            return;
        }
        pendingMarks.add(name);
        long delay = Math.max(0, playedUntilNanos - System.nanoTime());
        scheduler.schedule(() -> echo(name), delay, TimeUnit.NANOSECONDS);
    }

    private void echo(String name) {
        if (pendingMarks.remove(name)) {
            pipeline.queueAt(output, new MarkEchoFrame(name, System.nanoTime()));
        }
    }

    @Override
    public synchronized void clear() {
        events.add(new Event("clear", "", 0, System.nanoTime()));
        playedUntilNanos = System.nanoTime();
        for (String name : List.copyOf(pendingMarks)) {
            echo(name);
        }
    }

    /** The call ended by the agent (a hang-up left the pipeline): recorded as a "hangup" event. */
    public void ended(CallEnd ending) {
        events.add(new Event("hangup", ending.name(), 0, System.nanoTime()));
    }

    public List<Event> kinds(String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).toList();
    }
}
