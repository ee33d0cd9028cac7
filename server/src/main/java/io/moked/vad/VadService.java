package io.moked.vad;

import io.moked.models.ModelCatalog;
import io.moked.models.ModelEntry;
import io.moked.models.ModelKind;
import io.moked.models.ModelSettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the process-wide Silero model (loaded once from the models directory, file named by the manifest's
 * {@code vad} entry, shared by all calls) and hands each call its own {@link VadProcessor}. The model is loaded on
 * first use, with the process-wide {@link VadBatcher} when {@code moked.vad.batch} is on; if the file is missing the service stays usable and retries on the next use, so a model pulled while
 * the appliance runs is picked up.
 */
@Singleton
public class VadService {
    /** Manifest name used in the fix hint when the manifest has no VAD entry. */
    static final String DEFAULT_MODEL_NAME = "silero-vad";

    private static final Logger LOG = LoggerFactory.getLogger(VadService.class);

    private final Path modelFile;
    private final String fixHint;
    private final VadConfig config;
    private SileroVadModel model;
    private String lastFailure;
    private boolean closed;

    public VadService(ModelSettings models, ModelCatalog catalog, VadConfig config) {
        ModelEntry entry = catalog.entries().stream()
                .filter(e -> e.kind() == ModelKind.VAD && !e.fixture()).findFirst().orElse(null);
        String file = entry == null ? SileroVadModel.FILE_NAME : entry.file();
        this.modelFile = models.modelsDir().resolve(file).toAbsolutePath();
        this.fixHint = "run `agentctl models pull " + (entry == null ? DEFAULT_MODEL_NAME : entry.name())
                + "` (or `agentctl models import DIR` on an air-gapped appliance)";
        this.config = config;
    }

    /** What fixes a missing or broken model; part of every failure message (shown by /ready, agentctl doctor). */
    public String fixHint() {
        return fixHint;
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
        return new VadProcessor(loadedModel().newAnalyzer(config.sampleRateHz(), config.batch()), params);
    }

    /** The shared model, loading it if needed. */
    public synchronized SileroVadModel loadedModel() {
        if (closed) {
            throw new VadModelClosedException("VAD service is closed (the appliance is shutting down)");
        }
        if (model == null) {
            if (!Files.isRegularFile(modelFile)) {
                lastFailure = "VAD model missing: " + modelFile;
                throw new VadModelException(lastFailure + "; " + fixHint);
            }
            try {
                long started = System.nanoTime();
                SileroVadModel loaded = SileroVadModel.load(modelFile);
                if (config.batch()) {
                    loaded.startBatcher(config.batchWindowMs()); // stopped by close(), with the model
                }
                model = loaded;
                lastFailure = null;
                LOG.info("Silero VAD loaded from {} in {} ms, running at {} Hz{}", modelFile,
                        (System.nanoTime() - started) / 1_000_000, config.sampleRateHz(),
                        config.batch() ? ", batched (window " + config.batchWindowMs() + " ms)" : "");
            } catch (VadModelException e) {
                lastFailure = e.getMessage();
                throw new VadModelException(lastFailure + "; " + fixHint, e);
            }
        }
        return model;
    }

    /** Batched Silero inferences run so far (0 before the model is loaded); for {@code /prometheus}. */
    public synchronized double batchedInferences() {
        return model == null ? 0 : model.batchedInferences();
    }

    /** Chunks those inferences carried: chunks / inferences is the mean batch size. */
    public synchronized double batchedChunks() {
        return model == null ? 0 : model.batchedChunks();
    }

    /** Null when the model is loaded or was never tried; otherwise why the last load failed. */
    public synchronized String lastFailure() {
        return lastFailure;
    }

    /** Waits for inferences in flight (see {@link SileroVadModel#close()}); no model is loaded afterwards. */
    @PreDestroy
    synchronized void close() {
        closed = true;
        if (model != null) {
            model.close();
            model = null;
        }
    }
}
