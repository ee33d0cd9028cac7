package io.moked.call;

import io.moked.audio.AudioFormat;

import java.util.concurrent.TimeUnit;

/**
 * The caller's audio of one call on Twilio's own clock. Each inbound media message carries its track's running
 * {@code chunk} number and its {@code timestamp} (ms since the stream started): a chunk number skipped is a lost
 * frame, one seen again a duplicate (dropped), and the audio is placed at its timestamp, so a lost or merged frame
 * does not shift everything after it. Audio that runs ahead of real time by more than the slack (a client sending
 * faster than 8 kHz, or a timestamp or chunk number far in the future) is dropped and counted: what the call keeps
 * is never longer than the call. Per call, thread-safe (the socket writes, the call's end reads).
 */
public final class InboundTimeline {
    /** Returned by {@link #place} for a frame that is not used. */
    public static final long DROP = -1;
    /**
     * Twilio's frame length (20 ms): chunk numbers cannot run ahead of real time (plus the slack) at this rate. A
     * forged chunk number can therefore make the caller's next frames look like duplicates for at most the slack.
     */
    private static final long FRAME_MS = 20;

    /** What happened to the caller's frames of one call (stored on the call and counted in metrics). */
    public record Stats(long received, long lost, long duplicate, long dropped) {
    }

    /** Told about every lost, duplicate or dropped frame as it happens (metrics). */
    public interface Listener {
        Listener NONE = (kind, n) -> { };

        void frames(String kind, long n);
    }

    private final long slackMs;
    private final Listener listener;
    private long startNanos;
    private boolean started;
    private long lastChunk;
    private long nextOffsetMs;
    private long acceptedSamples;
    private long received;
    private long lost;
    private long duplicate;
    private long dropped;

    public InboundTimeline(long slackMs, Listener listener) {
        this.slackMs = slackMs;
        this.listener = listener;
    }

    /** The stream's {@code start} arrived: Twilio's timestamps count from about here. */
    public synchronized void start(long startNanos) {
        if (!started) {
            this.startNanos = startNanos;
            started = true;
        }
    }

    /**
     * Where a caller frame goes on the call's timeline.
     *
     * @param chunk       Twilio's chunk number of the frame, or null
     * @param timestampMs Twilio's timestamp of the frame, or null (then it follows the previous frame)
     * @param samples     8 kHz samples in the frame
     * @return the frame's offset from the stream start in ms, or {@link #DROP}
     */
    public synchronized long place(Long chunk, Long timestampMs, int samples, long nowNanos) {
        received++;
        listener.frames("received", 1);
        if (!started) {
            start(nowNanos);
        }
        long allowedMs = TimeUnit.NANOSECONDS.toMillis(Math.max(0, nowNanos - startNanos)) + slackMs;
        if (chunk != null) {
            if (chunk <= lastChunk) {
                count("duplicate");
                duplicate++;
                return DROP;
            }
            if (chunk > allowedMs / FRAME_MS + 1) {
                return drop(); // a chunk number real time cannot have reached: not Twilio's, and no gap either
            }
            if (chunk > lastChunk + 1) {
                long gap = chunk - lastChunk - 1;
                lost += gap;
                listener.frames("lost", gap);
            }
            lastChunk = chunk;
        }
        long offsetMs = timestampMs != null && timestampMs >= 0 ? timestampMs : nextOffsetMs;
        long frameMs = samples * 1000L / AudioFormat.TELEPHONE_SAMPLE_RATE_HZ;
        long audioMs = acceptedSamples * 1000 / AudioFormat.TELEPHONE_SAMPLE_RATE_HZ;
        if (offsetMs + frameMs > allowedMs || audioMs + frameMs > allowedMs) {
            return drop();
        }
        acceptedSamples += samples;
        nextOffsetMs = offsetMs + frameMs;
        return offsetMs;
    }

    private long drop() {
        dropped++;
        count("ahead_of_real_time");
        return DROP;
    }

    private void count(String kind) {
        listener.frames(kind, 1);
    }

    public synchronized Stats stats() {
        return new Stats(received, lost, duplicate, dropped);
    }
}
