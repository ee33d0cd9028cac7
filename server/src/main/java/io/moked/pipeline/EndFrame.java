package io.moked.pipeline;

/** The call is over: every processor stops its work, releases resources and forwards the frame. */
public record EndFrame(CallEnd reason) implements SystemFrame {
}
