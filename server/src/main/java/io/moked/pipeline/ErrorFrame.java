package io.moked.pipeline;

/** Something failed in a processor; the call goes on (engine failures degrade). Reported to observers. */
public record ErrorFrame(String processor, String message, Throwable cause) implements SystemFrame {
}
