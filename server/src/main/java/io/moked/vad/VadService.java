package io.moked.vad;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the process-wide Silero model (loaded once from {@code <models dir>/silero_vad.onnx}, shared by all calls)
 * and hands each call its own {@link VadProcessor}. The model is loaded on first use; if the file is missing the
 * service stays usable and retries on the next use, so a model pulled while the appliance runs is picked up.
 */
@Singleton
public class VadService {
    /** What fixes a missing or broken model; shown by /ready and agentctl doctor. */
    public static final String FIX_HINT = "run `agentctl models pull silero-vad` (or `agentctl models import DIR` "
            + "on an air-gapped appliance)";

    private static final Logger LOG = LoggerFactory.getLogger(VadService.class);

    private final Path modelFile;
    private final VadConfig config;
    private SileroVadModel model;
    private String lastFailure;

    public VadService(@Value("${moked.models-dir:}") String modelsDir, @Value("${moked.data-dir:./var}") String dataDir,
            VadConfig config) {
        Path dir = modelsDir == null || modelsDir.isBlank() ? Path.of(dataDir, "models") : Path.of(modelsDir);
        this.modelFile = dir.resolve(SileroVadModel.FILE_NAME).toAbsolutePath();
        this.config = config;
    }

    public Path modelFile() {
        return modelFile;
    }

    /** Appliance-wide endpointing defaults; apply the tenant's end-of-turn silence on top. */
    public VadParams defaultParams() {
        return config.params();
    }

    /**
     * A fresh per-call processor.
     *
     * @throws VadModelException when the model is missing or cannot be loaded (message names the fix)
     */
    public VadProcessor newProcessor(VadParams params) {
        return new VadProcessor(loadedModel().newAnalyzer(config.sampleRateHz()), params);
    }

    /** The shared model, loading it if needed. */
    public synchronized SileroVadModel loadedModel() {
        if (model == null) {
            if (!Files.isRegularFile(modelFile)) {
                lastFailure = "VAD model missing: " + modelFile;
                throw new VadModelException(lastFailure + "; " + FIX_HINT);
            }
            try {
                long started = System.nanoTime();
                model = SileroVadModel.load(modelFile);
                lastFailure = null;
                LOG.info("Silero VAD loaded from {} in {} ms, running at {} Hz", modelFile,
                        (System.nanoTime() - started) / 1_000_000, config.sampleRateHz());
            } catch (VadModelException e) {
                lastFailure = e.getMessage();
                throw new VadModelException(lastFailure + "; " + FIX_HINT, e);
            }
        }
        return model;
    }

    /** Null when the model is loaded or was never tried; otherwise why the last load failed. */
    public synchronized String lastFailure() {
        return lastFailure;
    }

    @PreDestroy
    synchronized void close() {
        if (model != null) {
            model.close();
            model = null;
        }
    }
}
