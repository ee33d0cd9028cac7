package io.moked.pipeline;

import io.moked.pipeline.reply.Reply;

import java.util.List;

/**
 * A chunk of agent audio (PCM16 8 kHz) just sent to the caller; observers record it, the playback learns from it
 * which replies started speaking.
 *
 * @param replies   the replies whose audio is in the chunk (usually one)
 * @param offsetMs  stream position (ms since stream start) where the chunk plays
 * @param sentNanos monotonic time it was sent
 */
public record AudioSentFrame(List<Reply> replies, short[] pcm, int sampleRateHz, long offsetMs, long sentNanos)
        implements SystemFrame {
}
