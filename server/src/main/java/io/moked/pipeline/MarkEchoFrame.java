package io.moked.pipeline;

/** Twilio echoed a mark: the caller has heard all audio sent before it (or it was cleared). */
public record MarkEchoFrame(String name, long receivedNanos) implements SystemFrame {
}
