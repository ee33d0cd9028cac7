package io.moked.pipeline;

/**
 * Sees every frame a processor pushes (and observer-only reports). Called on the pushing thread, which may be a
 * pacing or engine thread: implementations must return at once (hand slow work such as database writes to their own
 * executor) and must not throw.
 */
public interface PipelineObserver {
    void onFrame(String processor, Frame frame, Direction direction);
}
