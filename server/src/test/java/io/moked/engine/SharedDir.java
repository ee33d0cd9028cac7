package io.moked.engine;

import java.nio.file.Path;

/** The shared folder with the real model files and test audio: see {@link io.moked.testing.SharedDir}. */
public final class SharedDir {
    private SharedDir() {
    }

    public static Path find() {
        return io.moked.testing.SharedDir.root();
    }

    public static Path models() {
        return io.moked.testing.SharedDir.models();
    }
}
