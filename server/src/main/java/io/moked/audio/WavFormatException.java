package io.moked.audio;

import java.io.IOException;

/** A WAV file that cannot be read: not RIFF/WAVE, missing chunks, or an encoding Moked does not decode. */
public class WavFormatException extends IOException {
    public WavFormatException(String message) {
        super(message);
    }
}
