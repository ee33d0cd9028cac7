package io.moked.models;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static io.moked.models.ModelTestSupport.catalog;
import static io.moked.models.ModelTestSupport.entry;
import static io.moked.models.ModelTestSupport.manifest;
import static io.moked.models.ModelTestSupport.onnxBytes;
import static io.moked.models.ModelTestSupport.randomBytes;
import static io.moked.models.ModelTestSupport.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelStorePullTest {
    private static final int FILE_BYTES = 600_000;

    @TempDir
    Path modelsDir;
    private TestModelServer server;
    private final List<DownloadProgress.Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new TestModelServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ModelStore store(String... entries) {
        return new ModelStore(catalog(manifest(entries)), ModelSettings.of(modelsDir));
    }

    private List<DownloadProgress.Phase> phases() {
        return events.stream().map(DownloadProgress.Event::phase).distinct().collect(Collectors.toList());
    }

    private static void assertContains(String haystack, String needle) {
        assertTrue(haystack.contains(needle), () -> "expected <" + needle + "> in: " + haystack);
    }

    @Test
    void pullDownloadsChecksAndInstallsWithProgress() throws Exception {
        byte[] content = randomBytes(FILE_BYTES, 1);
        server.serve("m.bin", content);
        ModelStore store = store(entry("m", "m.bin", server.url("m.bin"), sha256(content), (long) FILE_BYTES));

        List<PullResult> results = store.pull("m", events::add);

        assertArrayEquals(content, Files.readAllBytes(modelsDir.resolve("m.bin")));
        assertEquals(1, results.size());
        assertTrue(results.get(0).downloaded());
        assertEquals(sha256(content), results.get(0).sha256());
        assertFalse(results.get(0).hashLocked());
        assertEquals(List.of(DownloadProgress.Phase.STARTED, DownloadProgress.Phase.DOWNLOADING,
                DownloadProgress.Phase.VERIFYING, DownloadProgress.Phase.INSTALLED), phases());
        // progress is reported along the way, not only at the end, and ends at the full size
        List<Long> downloading = events.stream().filter(e -> e.phase() == DownloadProgress.Phase.DOWNLOADING)
                .map(DownloadProgress.Event::bytesDone).collect(Collectors.toList());
        assertTrue(downloading.size() > 2, "progress steps: " + downloading);
        for (int i = 1; i < downloading.size(); i++) {
            assertTrue(downloading.get(i) >= downloading.get(i - 1), "progress goes forward: " + downloading);
        }
        assertEquals(FILE_BYTES, downloading.get(downloading.size() - 1));
        events.forEach(e -> assertEquals(FILE_BYTES, e.bytesTotal()));
        assertFalse(Files.exists(modelsDir.resolve("m.bin.part")));
        assertEquals(InstallState.INSTALLED, store.status("m").state());
    }

    @Test
    void pullResumesWithRangeAfterTheConnectionIsCut() throws Exception {
        byte[] content = randomBytes(FILE_BYTES, 2);
        server.serve("m.bin", content);
        server.cutNextResponseAfter("m.bin", 250_000);
        ModelStore store = store(entry("m", "m.bin", server.url("m.bin"), sha256(content), (long) FILE_BYTES));

        ModelDownloadException cut = assertThrows(ModelDownloadException.class,
                () -> store.pull("m", events::add));
        assertContains(cut.getMessage(), "agentctl models pull m");
        Path part = modelsDir.resolve("m.bin.part");
        assertFalse(Files.exists(modelsDir.resolve("m.bin")), "nothing installed after a cut");
        long kept = Files.size(part);
        assertTrue(kept > 0 && kept < FILE_BYTES, "partial bytes kept: " + kept);

        events.clear();
        store.pull("m", events::add);

        assertEquals(List.of("", "bytes=" + kept + "-"), server.rangeHeaders());
        assertArrayEquals(content, Files.readAllBytes(modelsDir.resolve("m.bin")));
        assertFalse(Files.exists(part));
        assertEquals(DownloadProgress.Phase.RESUMED, events.get(0).phase());
        assertEquals(kept, events.get(0).bytesDone());
    }

    @Test
    void serverIgnoringRangeRestartsFromZero() throws Exception {
        byte[] content = randomBytes(FILE_BYTES, 3);
        server.serve("m.bin", content);
        server.cutNextResponseAfter("m.bin", 100_000);
        ModelStore store = store(entry("m", "m.bin", server.url("m.bin"), sha256(content), null));
        assertThrows(ModelDownloadException.class, () -> store.pull("m", DownloadProgress.NONE));

        server.ignoreRangeRequests();
        store.pull("m", DownloadProgress.NONE);

        assertEquals(2, server.rangeHeaders().size());
        assertTrue(server.rangeHeaders().get(1).startsWith("bytes="));
        assertArrayEquals(content, Files.readAllBytes(modelsDir.resolve("m.bin")));
    }

    @Test
    void wrongHashIsRejectedAndNothingIsInstalled() throws Exception {
        byte[] content = randomBytes(FILE_BYTES, 4);
        server.serve("m.bin", content);
        String otherHash = sha256(randomBytes(10, 5));
        ModelStore store = store(entry("m", "m.bin", server.url("m.bin"), otherHash, null));

        ModelIntegrityException e = assertThrows(ModelIntegrityException.class,
                () -> store.pull("m", DownloadProgress.NONE));

        assertContains(e.getMessage(), otherHash);
        assertContains(e.getMessage(), "nothing was installed");
        assertFalse(Files.exists(modelsDir.resolve("m.bin")));
        assertFalse(Files.exists(modelsDir.resolve("m.bin.part")), "a bad download is not kept for resume");
        assertEquals(InstallState.MISSING, store.status("m").state());
    }

    @Test
    void wrongSizeAnnouncedByTheServerIsRefused() throws Exception {
        server.serve("m.bin", randomBytes(1000, 6));
        ModelStore store = store(entry("m", "m.bin", server.url("m.bin"), null, 999L));

        ModelIntegrityException e = assertThrows(ModelIntegrityException.class,
                () -> store.pull("m", DownloadProgress.NONE));
        assertContains(e.getMessage(), "999");
        assertFalse(Files.exists(modelsDir.resolve("m.bin")));
    }

    @Test
    void firstDownloadOfAnUnhashedEntryLocksItsHashAndLaterPullsAreHeldToIt() throws Exception {
        byte[] first = randomBytes(50_000, 7);
        server.serve("m.bin", first);
        ModelStore store = store(entry("m", "m.bin", server.url("m.bin"), null, null));

        PullResult result = store.pull("m", DownloadProgress.NONE).get(0);

        assertTrue(result.hashLocked());
        String lock = Files.readString(modelsDir.resolve("models.lock"));
        assertContains(lock, sha256(first));
        assertContains(lock, "m.bin");
        assertContains(lock, server.url("m.bin").toString());
        ModelStatus status = store.status("m");
        assertEquals(InstallState.INSTALLED, status.state());
        assertEquals(HashSource.LOCK, status.hashSource());

        // upstream changes the file: the locked hash keeps the appliance on the bytes it was first given
        assertTrue(store.remove("m"));
        server.serve("m.bin", randomBytes(50_000, 8));
        ModelIntegrityException e = assertThrows(ModelIntegrityException.class,
                () -> store.pull("m", DownloadProgress.NONE));
        assertContains(e.getMessage(), "lock expects " + sha256(first));
        assertFalse(Files.exists(modelsDir.resolve("m.bin")));

        server.serve("m.bin", first);
        assertFalse(store.pull("m", DownloadProgress.NONE).get(0).hashLocked());
        assertArrayEquals(first, Files.readAllBytes(modelsDir.resolve("m.bin")));
    }

    @Test
    void pullOfAnIntactInstalledFileDownloadsNothing() throws Exception {
        byte[] content = randomBytes(10_000, 9);
        server.serve("m.bin", content);
        ModelStore store = store(entry("m", "m.bin", server.url("m.bin"), sha256(content), null));
        store.pull("m", DownloadProgress.NONE);

        List<PullResult> again = store.pull("m", events::add);

        assertFalse(again.get(0).downloaded());
        assertEquals(1, server.rangeHeaders().size(), "no second request");
        assertEquals(List.of(DownloadProgress.Phase.ALREADY_INSTALLED), phases());
    }

    @Test
    void pullInstallsRequiredEntriesFirst() throws Exception {
        byte[] voice = onnxBytes(2000, 10);
        byte[] config = "{\"audio\":{\"sample_rate\":22050}}".getBytes();
        server.serve("voice.onnx", voice);
        server.serve("model.config.json", config);
        ModelStore store = store(
                entry("voice", "he.onnx", server.url("voice.onnx"), null, null) + "    requires: [voice-config]\n",
                entry("voice-config", "he.onnx.json", server.url("model.config.json"), null, null));

        List<PullResult> results = store.pull("voice", DownloadProgress.NONE);

        assertEquals(List.of("voice-config", "voice"),
                results.stream().map(PullResult::model).collect(Collectors.toList()));
        assertArrayEquals(voice, Files.readAllBytes(store.resolve("voice")));
        assertArrayEquals(config, Files.readAllBytes(store.resolve("voice-config")));
    }

    @Test
    void httpErrorIsAClearFailure() {
        ModelStore store = store(entry("m", "m.bin", server.url("absent.bin"), null, null));
        ModelDownloadException e = assertThrows(ModelDownloadException.class,
                () -> store.pull("m", DownloadProgress.NONE));
        assertContains(e.getMessage(), "HTTP 404");
        assertFalse(Files.exists(modelsDir.resolve("m.bin")));
    }

    @Test
    void aSecondPullOfTheSameModelIsRefusedWhileTheFirstRuns() throws Exception {
        server.serve("m.bin", randomBytes(1000, 11));
        ModelStore store = store(entry("m", "m.bin", server.url("m.bin"), null, null));
        java.nio.file.Files.createDirectories(modelsDir);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(
                modelsDir.resolve(".m.bin.pull-lock"), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock held = channel.lock()) {
            ModelException e = assertThrows(ModelException.class, () -> store.pull("m", DownloadProgress.NONE));
            assertContains(e.getMessage(), "another pull of 'm' is running");
        }
        assertEquals(0, server.rangeHeaders().size(), "nothing requested while locked");
        store.pull("m", DownloadProgress.NONE);
        assertTrue(Files.exists(modelsDir.resolve("m.bin")));
    }

    @Test
    void anEntryWithoutUrlPointsToImport() {
        ModelStore store = store(entry("m", "m.bin", null, null, null));
        ModelException e = assertThrows(ModelException.class, () -> store.pull("m", DownloadProgress.NONE));
        assertContains(e.getMessage(), "agentctl models import");
    }
}
