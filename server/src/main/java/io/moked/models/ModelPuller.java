package io.moked.models;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Pulls one manifest entry: skips an intact installed file, else downloads into {@code FILE.part} (resuming what
 * is there), checks size and sha256, and renames into place. A file lock stops two processes pulling the same
 * model into the same {@code .part}.
 */
final class ModelPuller {
    private final ModelStore store;
    private final HttpDownloader downloader;

    ModelPuller(ModelStore store, HttpDownloader downloader) {
        this.store = store;
        this.downloader = downloader;
    }

    static String lockFileName(ModelEntry entry) {
        return "." + entry.file() + ".pull-lock";
    }

    PullResult pull(ModelEntry entry, DownloadProgress progress) {
        Path target = store.pathOf(entry);
        ModelStore.Expected expected = store.expected(entry);
        if (Files.isRegularFile(target) && expected.sha256() != null) {
            String actual = store.hashAndRemember(target);
            if (actual.equals(expected.sha256())) {
                long size = ModelStore.sizeOf(target);
                progress.onEvent(new DownloadProgress.Event(entry.name(), DownloadProgress.Phase.ALREADY_INSTALLED,
                        size, size));
                return new PullResult(entry.name(), target, false, actual, size, false);
            }
        }
        if (entry.url() == null) {
            throw new ModelException("model '" + entry.name() + "' has no download url in the manifest: copy it in "
                    + "with `agentctl models import DIR|TARBALL`");
        }
        store.createDir();
        Path part = store.modelsDir().resolve(entry.file() + ModelStore.PART_SUFFIX);
        Path lockFile = store.modelsDir().resolve(lockFileName(entry));
        try (FileChannel guard = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = tryLock(guard, entry)) {
            HttpDownloader.Downloaded got = downloader.download(entry.name(), entry.url(), part,
                    expected.sizeBytes(), progress);
            progress.onEvent(new DownloadProgress.Event(entry.name(), DownloadProgress.Phase.VERIFYING,
                    got.sizeBytes(), got.sizeBytes()));
            store.checkIntegrity(entry, expected, got.sha256(), got.sizeBytes(), part,
                    "download from " + entry.url());
            boolean locked = store.install(entry, expected, part, got.sha256(), got.sizeBytes(),
                    entry.url().toString());
            progress.onEvent(new DownloadProgress.Event(entry.name(), DownloadProgress.Phase.INSTALLED,
                    got.sizeBytes(), got.sizeBytes()));
            return new PullResult(entry.name(), target, true, got.sha256(), got.sizeBytes(), locked);
        } catch (IOException e) {
            throw new ModelException("cannot write to models directory " + store.modelsDir() + ": " + e.getMessage(),
                    e);
        }
    }

    private static FileLock tryLock(FileChannel guard, ModelEntry entry) throws IOException {
        try {
            FileLock held = guard.tryLock();
            if (held != null) {
                return held;
            }
        } catch (OverlappingFileLockException e) {
            // held by another thread of this process: same answer as another process
        }
        throw new ModelException("another pull of '" + entry.name() + "' is running; wait for it to finish");
    }
}
