package io.moked.db.backup;

import io.moked.error.ValidationException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The archive round-trips, and reading one from anywhere is safe: nothing unsafe is written, anywhere. */
class BackupArchiveTest {
    private static final byte[] DB = "SQLite format 3\0 pretend pages".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path tmp;

    @Test
    void writesAndReadsBackTheDatabaseRecordingsAndManifest() throws Exception {
        Path db = Files.write(tmp.resolve("snapshot.db"), DB);
        Path recordings = Files.createDirectories(tmp.resolve("rec/acme/2026-12-04"));
        Files.writeString(recordings.resolve("CA1.wav"), "wav-1");
        Files.createSymbolicLink(recordings.resolve("link.wav"), recordings.resolve("CA1.wav"));
        Path archive = tmp.resolve("b.tar.gz");

        BackupArchive.Manifest written = BackupArchive.write(archive, db, tmp.resolve("rec"), "1.2.3", "7",
                "2026-12-04T10:00:00Z");
        assertEquals(1, written.recordings(), "symbolic links are not followed");

        Path staging = Files.createDirectories(tmp.resolve("staging"));
        BackupArchive.Extracted read = BackupArchive.extract(archive, staging);
        assertEquals("1.2.3", read.manifest().mokedVersion());
        assertEquals("7", read.manifest().schemaVersion());
        assertArrayEquals(DB, Files.readAllBytes(read.database()));
        assertEquals("wav-1", Files.readString(read.recordingsDir().resolve("acme/2026-12-04/CA1.wav")));
    }

    @Test
    void pathTraversalAbsoluteNamesAndStrangeNamesAreRefused() throws Exception {
        for (String name : List.of("../evil", "recordings/../../evil", "/etc/evil", "recordings/./x", "recordings//x",
                "other.txt", "recordings/a\u0001b")) {
            Path archive = tar(tmp.resolve("bad.tar.gz"), file(name, "x"));
            Path staging = Files.createDirectories(tmp.resolve("s-" + Math.abs(name.hashCode())));
            ValidationException e = assertThrows(ValidationException.class,
                    () -> BackupArchive.extract(archive, staging), name);
            assertFalse(e.getMessage().contains("\u0001"), "control characters escaped: " + e.getMessage());
            assertFalse(Files.exists(tmp.resolve("evil")) || Files.exists(tmp.getParent().resolve("evil")), name);
            assertEquals(0, count(staging), name);
        }
    }

    @Test
    void linksAndDevicesAreRefused() throws Exception {
        TarArchiveEntry symlink = new TarArchiveEntry("recordings/x.wav", TarArchiveEntry.LF_SYMLINK);
        symlink.setLinkName("/etc/passwd");
        TarArchiveEntry hardlink = new TarArchiveEntry("moked.db", TarArchiveEntry.LF_LINK);
        hardlink.setLinkName("/etc/shadow");
        TarArchiveEntry fifo = new TarArchiveEntry("moked.db", TarArchiveEntry.LF_FIFO);
        for (TarArchiveEntry entry : List.of(symlink, hardlink, fifo)) {
            Path archive = tar(tmp.resolve("link.tar.gz"), new Entry(entry, new byte[0]));
            Path staging = Files.createDirectories(tmp.resolve("s-" + entry.getLinkFlag()));
            ValidationException e = assertThrows(ValidationException.class,
                    () -> BackupArchive.extract(archive, staging));
            assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
            assertEquals(0, count(staging));
        }
    }

    @Test
    void aFileThatDoesNotMatchTheManifestIsRefused() throws Exception {
        Path db = Files.write(tmp.resolve("snapshot.db"), DB);
        Path good = tmp.resolve("good.tar.gz");
        BackupArchive.write(good, db, null, "1.2.3", "7", "2026-12-04T10:00:00Z");
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        String manifest = Files.readString(BackupArchive.extract(good, staging).database()
                .resolveSibling("manifest.json"));

        Path swapped = tar(tmp.resolve("swapped.tar.gz"), file("moked.db", "other content"),
                file("manifest.json", manifest));
        ValidationException e = assertThrows(ValidationException.class,
                () -> BackupArchive.extract(swapped, Files.createDirectories(tmp.resolve("s2"))));
        assertTrue(e.getMessage().contains("does not match its checksum"), e.getMessage());

        Path extra = tar(tmp.resolve("extra.tar.gz"), file("moked.db", new String(DB, StandardCharsets.ISO_8859_1)),
                file("recordings/smuggled.wav", "x"), file("manifest.json", manifest));
        e = assertThrows(ValidationException.class,
                () -> BackupArchive.extract(extra, Files.createDirectories(tmp.resolve("s3"))));
        assertTrue(e.getMessage().contains("not listed in the manifest"), e.getMessage());

        Path twice = tar(tmp.resolve("twice.tar.gz"), file("moked.db", "a"), file("moked.db", "b"));
        e = assertThrows(ValidationException.class,
                () -> BackupArchive.extract(twice, Files.createDirectories(tmp.resolve("s4"))));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());

        Path noManifest = tar(tmp.resolve("nomanifest.tar.gz"), file("moked.db", "a"));
        e = assertThrows(ValidationException.class,
                () -> BackupArchive.extract(noManifest, Files.createDirectories(tmp.resolve("s5"))));
        assertTrue(e.getMessage().contains("no manifest.json"), e.getMessage());

        Path notGzip = Files.writeString(tmp.resolve("plain.txt"), "hello");
        e = assertThrows(ValidationException.class,
                () -> BackupArchive.extract(notGzip, Files.createDirectories(tmp.resolve("s6"))));
        assertTrue(e.getMessage().contains("not a gzip"), e.getMessage());
    }

    private record Entry(TarArchiveEntry entry, byte[] data) {
    }

    private static Entry file(String name, String content) {
        byte[] data = content.getBytes(StandardCharsets.ISO_8859_1);
        TarArchiveEntry entry = new TarArchiveEntry(name, true); // preserve the name as given (no normalising)
        entry.setSize(data.length);
        return new Entry(entry, data);
    }

    private static Path tar(Path out, Entry... entries) throws Exception {
        Files.deleteIfExists(out);
        try (OutputStream raw = Files.newOutputStream(out);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(raw))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                tar.putArchiveEntry(e.entry());
                tar.write(e.data());
                tar.closeArchiveEntry();
            }
        }
        return out;
    }

    private static long count(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).count();
        }
    }
}
