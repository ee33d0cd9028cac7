package io.moked.pipeline;

/**
 * The caller has heard the agent audio timeline up to sample {@code position} (a mark came back, or its echo is
 * overdue), ending at stream position {@code offsetMs}.
 */
public record AudioHeardFrame(long position, long offsetMs) implements SystemFrame {
}
