package io.moked.pipeline;

/**
 * A short burst of caller sound (a cough, a click) that did not become a turn: the onset it may have caused was a
 * false alarm, and an interrupted reply may resume.
 *
 * @param startOffsetMs stream position where the burst started
 */
public record UserSpeechDiscardedFrame(long startOffsetMs) implements SystemFrame {
}
