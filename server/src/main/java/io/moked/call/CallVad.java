package io.moked.call;

import io.micronaut.context.annotation.Context;
import io.moked.audio.AudioFormat;
import io.moked.engine.EngineException;
import io.moked.engine.ModelFiles;
import io.moked.health.ReadinessCheck;
import io.moked.vad.SileroVadModel;
import io.moked.vad.VadParams;
import io.moked.vad.VadProcessor;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The Silero VAD model shared by all calls, loaded at start from the models directory, and a fresh per-call
 * {@link VadProcessor} for each call. Without the model the appliance is not ready for calls ({@code /ready},
 * {@code agentctl doctor}) and calls are answered in degraded mode (voicemail).
 */
@Context
public class CallVad implements ReadinessCheck {
    private static final Logger LOG = LoggerFactory.getLogger(CallVad.class);
    private final VadParams defaults;
    private final SileroVadModel model;
    private final String problem;

    public CallVad(ModelFiles models, CallConfig config) {
        this.defaults = VadParams.DEFAULTS.withEndOfTurnSilenceMs(config.endOfTurnSilenceMs());
        SileroVadModel loaded = null;
        String error = null;
        try {
            Path file = models.require("vad", "Silero VAD model", SileroVadModel.FILE_NAME);
            loaded = SileroVadModel.load(file);
            LOG.info("VAD model loaded from {}", file);
        } catch (EngineException | RuntimeException e) {
            error = e.getMessage();
            LOG.error("no VAD: calls will be answered in degraded mode: {}", error);
        }
        this.model = loaded;
        this.problem = error;
    }

    @Override
    public String name() {
        return "vad";
    }

    @Override
    public Result check() {
        return model != null ? Result.ok("Silero VAD " + model.file().getFileName())
                : Result.notReady(problem);
    }

    public boolean ready() {
        return model != null;
    }

    /**
     * A VAD for one call.
     *
     * @param endOfTurnSilenceMs the tenant's override, or null for the configured default
     */
    public VadProcessor newCallVad(Integer endOfTurnSilenceMs) {
        if (model == null) {
            throw new IllegalStateException("VAD model not loaded: " + problem);
        }
        VadParams params = endOfTurnSilenceMs == null ? defaults : defaults.withEndOfTurnSilenceMs(endOfTurnSilenceMs);
        return new VadProcessor(model.newAnalyzer(AudioFormat.TELEPHONE_SAMPLE_RATE_HZ), params);
    }

    @PreDestroy
    void close() {
        if (model != null) {
            model.close();
        }
    }
}
