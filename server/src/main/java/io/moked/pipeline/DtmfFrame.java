package io.moked.pipeline;

/** The caller pressed a key. */
public record DtmfFrame(String digit, long receivedNanos) implements SystemFrame {
}
