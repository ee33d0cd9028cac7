package io.moked.models;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The models directory: finds installed model files for the engines and installs them (pull over HTTP(S) with
 * resume, import for air-gapped sites), always checking sha256 before a file lands under its final name.
 *
 * <p>Thread-safe; pulls of the same model from two processes are refused by a file lock.
 */
public final class ModelStore {
    static final String PART_SUFFIX = ".part";

    private final ModelCatalog catalog;
    private final Path dir;
    private final HttpDownloader downloader;
    private final ModelLock lock;
    private final VerificationCache verified;
    private final Clock clock;

    public ModelStore(ModelCatalog catalog, ModelSettings settings) {
        this(catalog, settings, Clock.systemUTC());
    }

    ModelStore(ModelCatalog catalog, ModelSettings settings, Clock clock) {
        this.catalog = catalog;
        this.dir = settings.modelsDir().toAbsolutePath().normalize();
        this.downloader = new HttpDownloader(settings.connectTimeout(), settings.readTimeout());
        this.lock = new ModelLock(dir);
        this.verified = new VerificationCache(dir);
        this.clock = clock;
    }

    /** Catalog and store from settings, without an application context (agentctl, benchmarks). */
    public static ModelStore open(ModelSettings settings) {
        return new ModelStore(ModelCatalog.load(settings.manifest()), settings);
    }

    /** {@link #open} with settings from system properties and environment variables. */
    public static ModelStore fromEnvironment() {
        return open(ModelSettings.fromEnvironment());
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    public Path modelsDir() {
        return dir;
    }

    /**
     * The installed file of model {@code name} (and checks that the entries it requires are installed too). Cheap:
     * checks presence and size, not the hash (that is {@link #verify}).
     *
     * @throws UnknownModelException      the name is not in the manifest
     * @throws ModelNotInstalledException the file is missing or has the wrong size; the message names the fix
     */
    public Path resolve(String name) {
        ModelEntry entry = catalog.require(name);
        for (String required : entry.requires()) {
            resolve(required);
        }
        Path file = pathOf(entry);
        if (!Files.isRegularFile(file)) {
            throw new ModelNotInstalledException(name, "model '" + name + "' (" + entry.file() + ") is not installed in "
                    + dir + ": run `agentctl models pull " + name + "`, or on an offline machine "
                    + "`agentctl models import DIR|TARBALL`");
        }
        Optional<Long> size = Optional.ofNullable(expected(entry).sizeBytes());
        long actual = sizeOf(file);
        if (size.isPresent() && actual != size.get()) {
            throw new ModelNotInstalledException(name, "model file " + file + " has " + actual + " bytes, expected "
                    + size.get() + ": run `agentctl models pull " + name + "` to replace it");
        }
        return file;
    }

    /**
     * Resolves a configured model reference: a manifest name ({@code whisper-tiny}) or a path to a model file
     * (absolute, or relative to the models directory). Lets deployments and tests point an engine at a file that
     * is not in the manifest.
     */
    public Path resolveReference(String reference) {
        if (catalog.find(reference).isPresent()) {
            return resolve(reference);
        }
        Path candidate = dir.resolve(reference);
        if (Files.isRegularFile(candidate)) {
            return candidate;
        }
        throw new UnknownModelException(reference, "model '" + reference + "' is neither a manifest name (see "
                + "`agentctl models list`) nor an existing file (looked at " + candidate + ")");
    }

    /** Every manifest entry with its state; cheap (uses cached hashes, never reads whole files). */
    public List<ModelStatus> list() {
        List<ModelStatus> out = new ArrayList<>();
        for (ModelEntry entry : catalog.entries()) {
            out.add(status(entry, false));
        }
        return out;
    }

    public ModelStatus status(String name) {
        return status(catalog.require(name), false);
    }

    /** Re-hashes every installed file; reports missing entries too (they are not failures). */
    public VerifyReport verify(DownloadProgress progress) {
        List<ModelStatus> out = new ArrayList<>();
        for (ModelEntry entry : catalog.entries()) {
            if (Files.isRegularFile(pathOf(entry))) {
                progress.onEvent(new DownloadProgress.Event(entry.name(), DownloadProgress.Phase.VERIFYING,
                        sizeOf(pathOf(entry)), sizeOf(pathOf(entry))));
            }
            out.add(status(entry, true));
        }
        return new VerifyReport(out);
    }

    /** Downloads {@code name} and the entries it requires; already intact files are not downloaded again. */
    public List<PullResult> pull(String name, DownloadProgress progress) {
        ModelEntry entry = catalog.require(name);
        Set<ModelEntry> order = new LinkedHashSet<>();
        collectRequired(entry, order);
        List<PullResult> results = new ArrayList<>();
        ModelPuller puller = new ModelPuller(this, downloader);
        for (ModelEntry each : order) {
            results.add(puller.pull(each, progress));
        }
        return results;
    }

    private void collectRequired(ModelEntry entry, Set<ModelEntry> order) {
        for (String required : entry.requires()) {
            collectRequired(catalog.require(required), order);
        }
        order.add(entry);
    }

    /** Installs files from a directory or a .tar / .tar.gz archive; see {@link ModelImporter}. */
    public ImportReport importFrom(Path source) {
        createDir();
        return new ModelImporter(this).importFrom(source);
    }

    /** Deletes the installed file (and any partial download). The hash in models.lock is kept on purpose. */
    public boolean remove(String name) {
        ModelEntry entry = catalog.require(name);
        Path file = pathOf(entry);
        try {
            boolean removed = Files.deleteIfExists(file);
            removed |= Files.deleteIfExists(dir.resolve(entry.file() + PART_SUFFIX));
            Files.deleteIfExists(dir.resolve(ModelPuller.lockFileName(entry)));
            verified.forget(entry.file());
            return removed;
        } catch (IOException e) {
            throw new ModelException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ shared with ModelImporter

    /** The hash and size a file of {@code entry} is held to, and where they come from. */
    record Expected(String sha256, Long sizeBytes, HashSource source) {
    }

    Expected expected(ModelEntry entry) {
        if (entry.sha256() != null) {
            return new Expected(entry.sha256(), entry.sizeBytes(), HashSource.MANIFEST);
        }
        Optional<ModelLock.Locked> locked = lock.get(entry.name());
        if (locked.isPresent()) {
            Long size = entry.sizeBytes() != null ? entry.sizeBytes()
                    : locked.get().sizeBytes() > 0 ? locked.get().sizeBytes() : null;
            return new Expected(locked.get().sha256(), size, HashSource.LOCK);
        }
        return new Expected(null, entry.sizeBytes(), HashSource.NONE);
    }

    Path pathOf(ModelEntry entry) {
        return dir.resolve(entry.file());
    }

    /** Throws (after deleting {@code candidate}) when it does not match what the entry expects. */
    void checkIntegrity(ModelEntry entry, Expected expected, String sha256, long size, Path candidate, String what) {
        String problem = null;
        if (expected.sha256() != null && !expected.sha256().equals(sha256)) {
            problem = "sha256 " + sha256 + " but " + expected.source().id() + " expects " + expected.sha256();
        } else if (expected.sizeBytes() != null && expected.sizeBytes() != size) {
            problem = size + " bytes but " + expected.sizeBytes() + " are expected";
        } else {
            problem = formatProblem(entry, candidate).orElse(null);
        }
        if (problem != null) {
            HttpDownloader.deleteQuietly(candidate);
            throw new ModelIntegrityException(what + " of '" + entry.name() + "' has " + problem
                    + "; the file was discarded and nothing was installed");
        }
    }

    /** Why {@code file} is not the kind of file {@code entry} is (ModelFormat); empty when it is. */
    static Optional<String> formatProblem(ModelEntry entry, Path file) {
        try {
            return ModelFormat.problem(entry.file(), file).map(p -> "content " + p);
        } catch (IOException e) {
            return Optional.of("content unreadable (" + e.getMessage() + ")");
        }
    }

    /** Atomically moves a checked file into place; records the hash in models.lock when none was known. */
    boolean install(ModelEntry entry, Expected expected, Path checkedFile, String sha256, long size, String source)
            throws IOException {
        Path target = pathOf(entry);
        try {
            Files.move(checkedFile, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(checkedFile, target, StandardCopyOption.REPLACE_EXISTING);
        }
        boolean lockNow = expected.source() == HashSource.NONE;
        if (lockNow) {
            lock.put(entry.name(), new ModelLock.Locked(entry.file(), sha256, size, source, clock.instant()));
        }
        verified.record(target, sha256);
        return lockNow;
    }

    String hashAndRemember(Path file) {
        try {
            String sha = Sha256.ofFile(file);
            verified.record(file, sha);
            return sha;
        } catch (IOException e) {
            throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private ModelStatus status(ModelEntry entry, boolean rehash) {
        Path file = pathOf(entry);
        Expected expected = expected(entry);
        if (!Files.isRegularFile(file)) {
            return new ModelStatus(entry, InstallState.MISSING, file, null, expected.sha256(), expected.source(),
                    entry.url() != null ? "run `agentctl models pull " + entry.name() + "`" : "import it");
        }
        long size = sizeOf(file);
        Optional<String> wrongFormat = formatProblem(entry, file);
        if (wrongFormat.isPresent()) { // whatever hash is recorded: a wrong kind of file is never intact
            return new ModelStatus(entry, InstallState.CORRUPTED, file, size, expected.sha256(), expected.source(),
                    wrongFormat.get() + "; run `agentctl models pull " + entry.name() + "`");
        }
        if (expected.sizeBytes() != null && size != expected.sizeBytes()) {
            return new ModelStatus(entry, InstallState.CORRUPTED, file, size, expected.sha256(), expected.source(),
                    size + " bytes, expected " + expected.sizeBytes() + "; run `agentctl models pull " + entry.name()
                            + "`");
        }
        Optional<String> actual = rehash ? Optional.of(hashAndRemember(file)) : verified.knownHash(file);
        if (expected.sha256() == null) {
            return new ModelStatus(entry, InstallState.UNVERIFIED, file, size, null, HashSource.NONE,
                    "no sha256 known (manifest has none and nothing locked); `agentctl models import` or `pull` "
                            + "records one");
        }
        if (actual.isEmpty()) {
            return new ModelStatus(entry, InstallState.UNVERIFIED, file, size, expected.sha256(), expected.source(),
                    "not hashed since it last changed; run `agentctl models verify`");
        }
        if (!actual.get().equals(expected.sha256())) {
            return new ModelStatus(entry, InstallState.CORRUPTED, file, size, expected.sha256(), expected.source(),
                    "sha256 " + actual.get() + " differs; run `agentctl models pull " + entry.name() + "`");
        }
        return new ModelStatus(entry, InstallState.INSTALLED, file, size, expected.sha256(), expected.source(), "ok");
    }

    void createDir() {
        try {
            io.moked.config.PrivateFiles.subdirectory(dir);
        } catch (java.io.UncheckedIOException e) {
            throw new ModelException("cannot create models directory " + dir + ": " + e.getMessage()
                    + " (set MOKED_MODELS_DIR)", e);
        }
    }

    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
