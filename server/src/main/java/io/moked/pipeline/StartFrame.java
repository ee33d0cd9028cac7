package io.moked.pipeline;

/** The media stream started ({@code start} event); {@code startNanos} is the monotonic time it arrived. */
public record StartFrame(long startNanos) implements SystemFrame {
}
