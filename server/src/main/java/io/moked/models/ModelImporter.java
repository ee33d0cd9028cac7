package io.moked.models;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Installs model files from a directory tree or a tar archive (plain or gzip-compressed) for sites without
 * internet. A file is recognised by its sha256 (manifest or models.lock hash); for entries with no known hash, by
 * its file name (the manifest's name or the download url's name) — its hash is then locked. Everything else is
 * skipped with the reason.
 */
final class ModelImporter {
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    private static final int COPY_BUFFER_BYTES = 1 << 16;

    private final ModelStore store;
    /** usually one entry per hash; a manifest may list the same file under two names */
    private final Map<String, List<ModelEntry>> byHash = new HashMap<>();
    private final Map<String, ModelEntry> unhashedByName = new HashMap<>();
    private final Map<String, ModelEntry> hashedByName = new HashMap<>();
    private final Set<String> importedModels = new HashSet<>();
    private final List<ImportReport.Imported> imported = new ArrayList<>();
    private final List<ImportReport.Skipped> skipped = new ArrayList<>();

    ModelImporter(ModelStore store) {
        this.store = store;
        for (ModelEntry entry : store.catalog().entries()) {
            ModelStore.Expected expected = store.expected(entry);
            Map<String, ModelEntry> names = expected.sha256() == null ? unhashedByName : hashedByName;
            if (expected.sha256() != null) {
                byHash.computeIfAbsent(expected.sha256(), sha -> new ArrayList<>()).add(entry);
            }
            names.put(entry.file(), entry);
            entry.upstreamFileName().ifPresent(upstream -> names.putIfAbsent(upstream, entry));
        }
    }

    ImportReport importFrom(Path source) {
        if (Files.isDirectory(source)) {
            importDirectory(source);
        } else if (Files.isRegularFile(source)) {
            importArchive(source);
        } else {
            throw new ModelException("nothing to import at " + source + " (expected a directory or a .tar/.tar.gz)");
        }
        return new ImportReport(imported, skipped);
    }

    private void importDirectory(Path root) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            // regular files only, links not followed: a link named like a model must not install its target
            List<Path> all = walk.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .sorted().collect(Collectors.toList());
            files = new ArrayList<>();
            for (Path p : all) {
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    files.add(p);
                } else {
                    skipped.add(new ImportReport.Skipped(p.toString(), "not a regular file (link, device or fifo)"));
                }
            }
        } catch (IOException e) {
            throw new ModelException("cannot read " + root + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            String from = file.toString();
            if (file.toAbsolutePath().normalize().startsWith(store.modelsDir())) {
                skipped.add(new ImportReport.Skipped(from, "already inside the models directory"));
                continue;
            }
            try {
                String sha = Sha256.ofFile(file);
                List<ModelEntry> entries = match(from, file.getFileName().toString(), sha);
                if (!entries.isEmpty()) {
                    // copy next to the target (same file system, so the final rename is atomic) and re-check
                    // the copy: the source may change or the disk may fail while copying
                    Path tmp = Files.createTempFile(store.modelsDir(), ".import-", ".tmp");
                    String copied;
                    try (InputStream in = Files.newInputStream(file)) {
                        copied = copyHashing(in, tmp);
                    }
                    if (!copied.equals(sha)) {
                        Files.deleteIfExists(tmp);
                        skipped.add(new ImportReport.Skipped(from, "changed while it was being copied"));
                        continue;
                    }
                    try {
                        installAll(entries, tmp, sha, from);
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                }
            } catch (IOException e) {
                skipped.add(new ImportReport.Skipped(from, "cannot read: " + e.getMessage()));
            }
        }
    }

    private void importArchive(Path archive) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(maybeGunzip(raw))) {
            TarArchiveEntry item;
            boolean any = false;
            while ((item = tar.getNextEntry()) != null) {
                any = true;
                if (!isRegularFile(item)) {
                    if (!item.isDirectory()) {
                        skipped.add(new ImportReport.Skipped(archive + "!/" + item.getName(),
                                "not a regular file (link, device or fifo)"));
                    }
                    continue;
                }
                String from = archive + "!/" + item.getName();
                String baseName = Path.of(item.getName()).getFileName().toString();
                // a tar stream can be read once: land every file in a temp file while hashing, then decide
                Path tmp = Files.createTempFile(store.modelsDir(), ".import-", ".tmp");
                try {
                    String sha = copyHashing(tar, tmp);
                    installAll(match(from, baseName, sha), tmp, sha, from);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            if (!any) {
                throw new ModelException(archive + " is not a tar archive (or is empty); import takes a directory, "
                        + ".tar or .tar.gz");
            }
        } catch (IOException e) {
            throw new ModelException("cannot read archive " + archive + ": " + e.getMessage()
                    + " (import takes a directory, .tar or .tar.gz)", e);
        }
    }

    /**
     * commons-compress calls every non-directory entry a "file", links and devices included: only plain file
     * entries (type '0', or NUL in old archives, or '7' contiguous) carry model bytes.
     */
    private static boolean isRegularFile(TarArchiveEntry item) {
        byte type = item.getLinkFlag();
        return (type == TarArchiveEntry.LF_NORMAL || type == TarArchiveEntry.LF_OLDNORM
                || type == TarArchiveEntry.LF_CONTIG) && !item.isDirectory();
    }

    /** The entries this file installs as; empty after recording why it is skipped. */
    private List<ModelEntry> match(String from, String fileName, String sha) {
        List<ModelEntry> candidates = byHash.getOrDefault(sha, List.of());
        if (candidates.isEmpty() && unhashedByName.containsKey(fileName)) {
            candidates = List.of(unhashedByName.get(fileName));
        }
        if (candidates.isEmpty()) {
            ModelEntry sameName = hashedByName.get(fileName);
            skipped.add(new ImportReport.Skipped(from, sameName != null
                    ? "named like model '" + sameName.name() + "' but its sha256 " + sha + " differs from the "
                    + "expected " + store.expected(sameName).sha256() + " (corrupted or another version)"
                    : "not in the manifest (sha256 " + sha + ")"));
            return List.of();
        }
        List<ModelEntry> toInstall = new ArrayList<>();
        for (ModelEntry entry : candidates) {
            if (importedModels.contains(entry.name())) {
                skipped.add(new ImportReport.Skipped(from, "model '" + entry.name() + "' was already imported from "
                        + "an earlier file"));
                continue;
            }
            Path target = store.pathOf(entry);
            String expected = store.expected(entry).sha256();
            if (expected != null && Files.isRegularFile(target) && expected.equals(store.hashAndRemember(target))) {
                importedModels.add(entry.name());
                skipped.add(new ImportReport.Skipped(from, "model '" + entry.name()
                        + "' is already installed and intact"));
                continue;
            }
            toInstall.add(entry);
        }
        return toInstall;
    }

    /** Installs the staged file as every entry; all but the last get their own copy. */
    private void installAll(List<ModelEntry> entries, Path staged, String sha, String from) throws IOException {
        for (int i = 0; i < entries.size(); i++) {
            Path file = staged;
            if (i < entries.size() - 1) {
                file = Files.createTempFile(store.modelsDir(), ".import-", ".tmp");
                Files.copy(staged, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                installChecked(entries.get(i), file, sha, from);
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    private void installChecked(ModelEntry entry, Path tmp, String sha, String from) throws IOException {
        ModelStore.Expected expected = store.expected(entry);
        long size = Files.size(tmp);
        try {
            store.checkIntegrity(entry, expected, sha, size, tmp, "import from " + from);
        } catch (ModelIntegrityException e) {
            skipped.add(new ImportReport.Skipped(from, e.getMessage()));
            return;
        }
        boolean locked = store.install(entry, expected, tmp, sha, size, "import:" + from);
        importedModels.add(entry.name());
        imported.add(new ImportReport.Imported(entry.name(), entry.file(), from, sha, size, locked));
    }

    /** Copies {@code in} to {@code target} while hashing; leaves {@code in} open (it may be the tar stream). */
    private static String copyHashing(InputStream in, Path target) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return Sha256.hex(digest);
    }

    private static InputStream maybeGunzip(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1 ? new BufferedInputStream(new GZIPInputStream(in)) : in;
    }
}
