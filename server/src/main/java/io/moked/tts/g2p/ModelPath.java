package io.moked.tts.g2p;

import io.moked.engine.EngineException;

import java.nio.file.Path;

/** Where a model file is, resolved when the model loads (so a missing file names its `agentctl models` fix then). */
@FunctionalInterface
public interface ModelPath {
    Path resolve() throws EngineException;

    static ModelPath of(Path path) {
        return () -> path;
    }
}
