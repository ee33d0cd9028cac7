package io.moked.audio;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a call recording as a stereo PCM16 WAV, caller on the left and agent on the right, both placed by their
 * sample offset from the start of the call, so the two sides stay aligned even though they arrive at different
 * times and in different chunk sizes. Silence fills whatever neither side wrote.
 *
 * <p>Written incrementally: the recorder keeps the last {@code holdBackMs} of audio in memory (so slightly late
 * writes still land in memory) and appends everything older to the file, rewriting the RIFF and data sizes in the
 * header on every append. A process that dies mid-call therefore leaves a valid WAV holding all but the last
 * ~{@code holdBackMs + commitStepMs}. Writes older than what is on disk are mixed into the file in place.
 * Thread-safe; it does blocking file I/O, so call it off the Netty event loops.
 */
public final class StereoWavRecorder implements Closeable {
    public static final int DEFAULT_HOLD_BACK_MS = 1000;
    /** By default audio is appended to the file in steps of at least this much, to keep header rewrites cheap. */
    public static final int COMMIT_STEP_MS = 500;

    private static final int CHANNELS = 2;
    private static final int BYTES_PER_FRAME = CHANNELS * Pcm16.BYTES_PER_SAMPLE;
    private static final int HEADER_BYTES = 44;

    /** Which side of the call a write belongs to. */
    public enum Channel {
        CALLER(0), AGENT(1);

        private final int index;

        Channel(int index) {
            this.index = index;
        }
    }

    private final Path file;
    private final int sampleRateHz;
    private final FileChannel out;
    private final int holdBackFrames;
    private final int commitStepFrames;

    /** Interleaved L/R samples for frames [committedFrames, committedFrames + pendingFrames). */
    private short[] pending = new short[CHANNELS * 8000];
    private int pendingFrames;
    private long committedFrames;
    private boolean closed;

    public StereoWavRecorder(Path file, int sampleRateHz) throws IOException {
        this(file, sampleRateHz, DEFAULT_HOLD_BACK_MS);
    }

    public StereoWavRecorder(Path file, int sampleRateHz, int holdBackMs) throws IOException {
        this(file, sampleRateHz, holdBackMs, COMMIT_STEP_MS);
    }

    /**
     * @param holdBackMs   audio kept in memory for late writes
     * @param commitStepMs audio appended to the file at once (each append rewrites the 44-byte header)
     */
    public StereoWavRecorder(Path file, int sampleRateHz, int holdBackMs, int commitStepMs) throws IOException {
        if (sampleRateHz <= 0 || holdBackMs < 0 || commitStepMs <= 0) {
            throw new IllegalArgumentException("invalid recorder settings: " + sampleRateHz + " Hz, hold back "
                    + holdBackMs + " ms, commit step " + commitStepMs + " ms");
        }
        this.file = file;
        this.sampleRateHz = sampleRateHz;
        this.holdBackFrames = AudioFormat.samplesFor(holdBackMs, sampleRateHz);
        this.commitStepFrames = AudioFormat.samplesFor(commitStepMs, sampleRateHz);
        this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        writeFully(header(0), 0);
    }

    public Path file() {
        return file;
    }

    /**
     * Adds {@code pcm} to one side starting at {@code startSample} (samples since the call started). Overlapping
     * writes on the same side are mixed (saturating).
     */
    public synchronized void write(Channel channel, long startSample, short[] pcm) throws IOException {
        write(channel, startSample, pcm, 0, pcm.length);
    }

    public synchronized void write(Channel channel, long startSample, short[] pcm, int off, int len)
            throws IOException {
        if (closed) {
            throw new IOException("recording " + file + " is closed");
        }
        if (startSample < 0) {
            throw new IllegalArgumentException("negative sample offset " + startSample);
        }
        int skip = 0;
        if (startSample < committedFrames) {
            skip = (int) Math.min(len, committedFrames - startSample);
            mixIntoFile(channel, startSample, pcm, off, skip);
        }
        if (skip == len) {
            return;
        }
        int first = (int) (startSample + skip - committedFrames);
        ensurePending(first + len - skip);
        for (int i = skip; i < len; i++) {
            int idx = CHANNELS * (first + i - skip) + channel.index;
            pending[idx] = saturate(pending[idx] + pcm[off + i]);
        }
        pendingFrames = Math.max(pendingFrames, first + len - skip);
        if (pendingFrames >= holdBackFrames + commitStepFrames) {
            commit(pendingFrames - holdBackFrames);
        }
    }

    /** Writes everything held in memory to the file and updates the header. */
    public synchronized void flush() throws IOException {
        if (!closed) {
            commit(pendingFrames);
        }
    }

    /** Frames (per-side samples) on disk so far. */
    public synchronized long committedFrames() {
        return committedFrames;
    }

    /** Total recorded length in frames, on disk plus held in memory. */
    public synchronized long totalFrames() {
        return committedFrames + pendingFrames;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            commit(pendingFrames);
            out.force(false);
        } finally {
            closed = true;
            out.close();
        }
    }

    private void commit(int frames) throws IOException {
        if (frames <= 0) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.allocate(frames * BYTES_PER_FRAME).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(pending, 0, frames * CHANNELS);
        writeFully(bytes, HEADER_BYTES + committedFrames * BYTES_PER_FRAME);
        committedFrames += frames;
        System.arraycopy(pending, frames * CHANNELS, pending, 0, (pendingFrames - frames) * CHANNELS);
        java.util.Arrays.fill(pending, (pendingFrames - frames) * CHANNELS, pendingFrames * CHANNELS, (short) 0);
        pendingFrames -= frames;
        // Sizes last: the header never claims data that is not written yet.
        writeFully(header(committedFrames * BYTES_PER_FRAME), 0);
    }

    private void mixIntoFile(Channel channel, long startFrame, short[] pcm, int off, int len) throws IOException {
        long position = HEADER_BYTES + startFrame * BYTES_PER_FRAME;
        ByteBuffer bytes = ByteBuffer.allocate(len * BYTES_PER_FRAME).order(ByteOrder.LITTLE_ENDIAN);
        while (bytes.hasRemaining()) {
            if (out.read(bytes, position + bytes.position()) < 0) {
                throw new IOException("recording " + file + " is shorter than its header says");
            }
        }
        for (int i = 0; i < len; i++) {
            int at = i * BYTES_PER_FRAME + channel.index * Pcm16.BYTES_PER_SAMPLE;
            bytes.putShort(at, saturate(bytes.getShort(at) + pcm[off + i]));
        }
        bytes.flip();
        writeFully(bytes, position);
    }

    private void ensurePending(int frames) {
        if (frames * CHANNELS > pending.length) {
            int capacity = Math.max(frames * CHANNELS, pending.length * 2);
            pending = java.util.Arrays.copyOf(pending, capacity);
        }
    }

    private ByteBuffer header(long dataBytes) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) (36 + dataBytes)).put(new byte[] {'W', 'A', 'V', 'E'});
        h.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) 1).putShort((short) CHANNELS);
        h.putInt(sampleRateHz).putInt(sampleRateHz * BYTES_PER_FRAME).putShort((short) BYTES_PER_FRAME);
        h.putShort((short) 16);
        h.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) dataBytes);
        h.flip();
        return h;
    }

    private void writeFully(ByteBuffer bytes, long position) throws IOException {
        long p = position;
        while (bytes.hasRemaining()) {
            p += out.write(bytes, p);
        }
    }

    private static short saturate(int v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }
}
