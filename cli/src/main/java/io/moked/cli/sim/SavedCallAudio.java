package io.moked.cli.sim;

import io.moked.audio.AudioFormat;
import io.moked.audio.MuLaw;
import io.moked.audio.StereoWavRecorder;
import io.moked.cli.sim.call.AudioTap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * {@code --save-audio}: a stereo 8 kHz WAV of the simulated call as the caller experienced it, aligned in time —
 * left: what the caller said, right: what the caller heard (the agent's audio as played, cut where it was cleared).
 */
final class SavedCallAudio implements AudioTap, AutoCloseable {
    private final StereoWavRecorder recorder;

    SavedCallAudio(Path file) throws IOException {
        recorder = new StereoWavRecorder(file, AudioFormat.TELEPHONE_SAMPLE_RATE_HZ);
    }

    @Override
    public void frame(long frame, byte[] said, byte[] heard) {
        long sample = frame * AudioFormat.SAMPLES_PER_FRAME_8K;
        try {
            recorder.write(StereoWavRecorder.Channel.CALLER, sample, MuLaw.decode(said));
            recorder.write(StereoWavRecorder.Channel.AGENT, sample, MuLaw.decode(heard));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        recorder.close();
    }
}
