package io.moked.cli.sim.call;

/** Receives, every 20 ms, what the caller said and what the caller heard (8 kHz μ-law), e.g. to save a WAV. */
public interface AudioTap {
    AudioTap NONE = (frame, said, heard) -> {
    };

    /**
     * @param frame 20 ms frame number since the stream started
     * @param said  the frame the caller sent
     * @param heard the frame the caller's playback played (silence when the agent was quiet)
     */
    void frame(long frame, byte[] said, byte[] heard);
}
