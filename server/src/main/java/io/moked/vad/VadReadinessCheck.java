package io.moked.vad;

import io.moked.health.ReadinessCheck;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * "vad": ready when Silero VAD is loaded. The first check loads it (tens of milliseconds, once); later checks
 * report the cached state, or retry after the model file was added.
 */
@Singleton
public class VadReadinessCheck implements ReadinessCheck {
    private final VadService vad;

    public VadReadinessCheck(VadService vad) {
        this.vad = vad;
    }

    @Override
    public String name() {
        return "vad";
    }

    /** Without VAD no conversation can run, but the webhook still answers with voicemail. */
    @Override
    public boolean degradable() {
        return true;
    }

    @Override
    public Result check() {
        try {
            SileroVadModel model = vad.loadedModel();
            return new Result(true, "Silero VAD loaded from " + model.file(), Map.of("model", model.file().toString()));
        } catch (VadModelException e) {
            return new Result(false, e.getMessage(), Map.of("model", vad.modelFile().toString()));
        }
    }
}
