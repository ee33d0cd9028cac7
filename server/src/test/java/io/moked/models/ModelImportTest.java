package io.moked.models;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

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

class ModelImportTest {
    @TempDir
    Path work;

    private final byte[] hashed = randomBytes(3000, 31);
    private final byte[] unhashed = onnxBytes(2000, 32);
    private final byte[] corrupt = randomBytes(3000, 33);
    private final byte[] unrelated = randomBytes(100, 34);

    private Path modelsDir() {
        return work.resolve("models");
    }

    private ModelStore store() throws Exception {
        return new ModelStore(catalog(manifest(
                entry("hashed", "hashed.bin", null, sha256(hashed), null),
                entry("voice", "he.onnx", "https://h/repo/resolve/main/shaul.onnx", null, null),
                entry("named", "named.bin", null, sha256(randomBytes(5, 35)), null))),
                ModelSettings.of(modelsDir()));
    }

    /** The same four files whichever container holds them. */
    private Map<String, byte[]> sourceFiles() {
        return Map.of(
                "weights/renamed-by-admin.bin", hashed, // recognised by hash whatever its name
                "weights/shaul.onnx", unhashed,         // no hash known: recognised by the url's file name
                "named.bin", corrupt,                    // right name, wrong bytes
                "README.txt", unrelated);
    }

    private static Map<String, String> skippedReasons(ImportReport report) {
        return report.skipped().stream().collect(Collectors.toMap(
                s -> s.from().replace('\\', '/').replaceAll(".*?(weights/|named.bin|README.txt)", "$1"),
                ImportReport.Skipped::reason));
    }

    private void assertImportedTheRightFiles(ModelStore store, ImportReport report) throws Exception {
        assertEquals(2, report.imported().size(), report.toString());
        Map<String, ImportReport.Imported> imported = report.imported().stream()
                .collect(Collectors.toMap(ImportReport.Imported::model, i -> i));
        assertFalse(imported.get("hashed").hashLocked());
        assertTrue(imported.get("voice").hashLocked(), "unhashed entry gets its hash locked on import");
        assertArrayEquals(hashed, Files.readAllBytes(modelsDir().resolve("hashed.bin")));
        assertArrayEquals(unhashed, Files.readAllBytes(modelsDir().resolve("he.onnx")));
        assertTrue(Files.readString(modelsDir().resolve("models.lock")).contains(sha256(unhashed)));
        assertEquals(InstallState.INSTALLED, store.status("hashed").state());
        assertEquals(InstallState.INSTALLED, store.status("voice").state());
        assertEquals(InstallState.MISSING, store.status("named").state(), "the corrupt copy was not installed");

        Map<String, String> skipped = skippedReasons(report);
        assertEquals(2, skipped.size(), skipped.toString());
        assertTrue(skipped.get("named.bin").contains("named like model 'named'"), skipped.toString());
        assertTrue(skipped.get("named.bin").contains("differs"), skipped.toString());
        assertTrue(skipped.get("README.txt").contains("not in the manifest"), skipped.toString());
        try (var left = Files.list(modelsDir())) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
    }

    @Test
    void importFromADirectoryRecognisesFilesByHashThenByName() throws Exception {
        Path source = work.resolve("usb");
        for (Map.Entry<String, byte[]> file : sourceFiles().entrySet()) {
            Files.createDirectories(source.resolve(file.getKey()).getParent());
            Files.write(source.resolve(file.getKey()), file.getValue());
        }
        ModelStore store = store();

        assertImportedTheRightFiles(store, store.importFrom(source));

        // a second import finds everything already there and copies nothing
        ImportReport again = store.importFrom(source);
        assertEquals(0, again.imported().size());
        assertTrue(skippedReasons(again).get("weights/renamed-by-admin.bin").contains("already installed"));
    }

    @Test
    void importFromATarGzArchive() throws Exception {
        Path archive = work.resolve("models.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
            writeTar(out);
        }
        ModelStore store = store();
        assertImportedTheRightFiles(store, store.importFrom(archive));
    }

    @Test
    void importFromAPlainTarArchive() throws Exception {
        Path archive = work.resolve("models.tar");
        try (OutputStream out = Files.newOutputStream(archive)) {
            writeTar(out);
        }
        ModelStore store = store();
        assertImportedTheRightFiles(store, store.importFrom(archive));
    }

    /** Issue 11 item 8: links, devices and files of the wrong format named like an unhashed model install nothing. */
    @Test
    void linksAndWrongFormatFilesNamedLikeAModelAreNeverInstalledOrLocked() throws Exception {
        Path archive = work.resolve("evil.tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
            TarArchiveEntry symlink = new TarArchiveEntry("shaul.onnx", TarArchiveEntry.LF_SYMLINK);
            symlink.setLinkName("/etc/passwd");
            tar.putArchiveEntry(symlink);
            tar.closeArchiveEntry();
            TarArchiveEntry hardlink = new TarArchiveEntry("weights/shaul.onnx", TarArchiveEntry.LF_LINK);
            hardlink.setLinkName("shaul.onnx");
            tar.putArchiveEntry(hardlink);
            tar.closeArchiveEntry();
            TarArchiveEntry device = new TarArchiveEntry("dev/shaul.onnx", TarArchiveEntry.LF_CHR);
            tar.putArchiveEntry(device);
            tar.closeArchiveEntry();
            byte[] text = "twelve bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            TarArchiveEntry fake = new TarArchiveEntry("fake/shaul.onnx");
            fake.setSize(text.length);
            tar.putArchiveEntry(fake);
            tar.write(text);
            tar.closeArchiveEntry();
        }
        ModelStore store = store();
        ImportReport report = store.importFrom(archive);
        assertEquals(0, report.imported().size(), report.toString());
        assertFalse(Files.exists(modelsDir().resolve("he.onnx")), "nothing installed");
        assertFalse(Files.exists(modelsDir().resolve("models.lock"))
                && Files.readString(modelsDir().resolve("models.lock")).contains("voice"), "nothing hash-locked");
        assertTrue(report.skipped().stream().filter(sk -> sk.reason().contains("not a regular file")).count() >= 3,
                report.toString());
        assertTrue(report.skipped().stream().anyMatch(sk -> sk.reason().contains("not an ONNX model")),
                report.toString());

        Path dir = Files.createDirectories(work.resolve("linked"));
        Files.createSymbolicLink(dir.resolve("shaul.onnx"), work.resolve("models.lock.missing"));
        Path realOnnx = Files.write(work.resolve("elsewhere.onnx"), unhashed);
        Files.createSymbolicLink(Files.createDirectories(dir.resolve("w")).resolve("shaul.onnx"), realOnnx);
        ImportReport fromDir = store.importFrom(dir);
        assertEquals(0, fromDir.imported().size(), "a link is not installed, even to a valid model: " + fromDir);
    }

    /** A wrong-format file already in place is never called intact by verify, whatever hash is locked for it. */
    @Test
    void verifyCallsAWrongFormatFileCorruptedEvenWithALockedHash() throws Exception {
        ModelStore store = store();
        Path source = Files.createDirectories(work.resolve("usb2"));
        Files.write(source.resolve("shaul.onnx"), unhashed);
        assertEquals(1, store.importFrom(source).imported().size());
        assertEquals(InstallState.INSTALLED, store.status("voice").state());
        Files.write(modelsDir().resolve("he.onnx"), new byte[0]); // replaced by an empty file
        ModelStatus status = store.status("voice");
        assertEquals(InstallState.CORRUPTED, status.state(), status.toString());
        assertTrue(status.detail().contains("not an ONNX model"), status.detail());
    }

    @Test
    void anArchiveThatIsNotATarIsAClearError() throws Exception {
        Path notTar = work.resolve("notes.tar");
        Files.writeString(notTar, "just text, not an archive");
        ModelException e = assertThrows(ModelException.class, () -> store().importFrom(notTar));
        assertTrue(e.getMessage().contains(".tar.gz"), e.getMessage());
        assertThrows(ModelException.class, () -> store().importFrom(work.resolve("nothing-here")));
    }

    @Test
    void importTheRealFixturesFromSharedModels() {
        Path shared = io.moked.testing.SharedDir.models(); // skipped in a plain clone, mandatory on CI
        ModelStore store = new ModelStore(ModelCatalog.load(null), ModelSettings.of(modelsDir()));

        ImportReport report = store.importFrom(shared);

        // silero_vad_v6.2.onnx is named differently in shared/models: recognised by its sha256
        assertEquals(java.util.Set.of("silero-vad-v6.2", "test-stories260k", "test-whisper-tiny-stub"),
                report.imported().stream().map(ImportReport.Imported::model).collect(Collectors.toSet()));
        assertTrue(report.skipped().stream().anyMatch(s -> s.from().endsWith("MANIFEST.md")));
        assertEquals(modelsDir().toAbsolutePath().resolve("silero_vad.onnx"), store.resolve("silero-vad-v6.2"));
        assertFalse(store.verify(DownloadProgress.NONE).hasCorrupted());
    }

    private void writeTar(OutputStream out) throws Exception {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry dir = new TarArchiveEntry("weights/");
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            for (Map.Entry<String, byte[]> file : sourceFiles().entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
    }
}
