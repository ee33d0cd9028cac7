package io.moked.db.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moked.error.ValidationException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The backup archive {@code agentctl db backup} writes and {@code db restore} reads: a gzip-compressed tar of
 * {@code moked.db}, optionally {@code recordings/...}, and {@code manifest.json} last (format, versions, and the size
 * and sha256 of every file).
 * <p>
 * Reading is defensive, as the file may come from anywhere: only regular files and directories (no links, devices or
 * FIFOs), only the names above, no absolute paths or {@code ..}, no duplicates, and every file must match the
 * manifest, which must list nothing more or less than what is there. Nothing is written outside the staging folder.
 */
public final class BackupArchive {
    public static final String FORMAT = "moked-backup/1";
    static final String DATABASE = "moked.db";
    static final String MANIFEST = "manifest.json";
    static final String RECORDINGS = "recordings";
    private static final int ENTRY_MODE = 0600;
    private static final int COPY_BUFFER_BYTES = 1 << 16;
    private static final long MAX_MANIFEST_BYTES = 64L << 20;
    private static final int MAX_NAME_CHARS = 1000;
    /** A path segment: printable, no separators, not "." or ".." (checked separately). */
    private static final Pattern SEGMENT = Pattern.compile("[^/\\\\\\x00-\\x1f\\x7f]+");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private BackupArchive() {
    }

    /**
     * @param format         {@link #FORMAT}
     * @param mokedVersion   the Moked that made the backup
     * @param schemaVersion  the database's schema version
     * @param createdAt      ISO-8601 instant
     * @param files          every file in the archive but the manifest
     */
    public record Manifest(String format, String mokedVersion, String schemaVersion, String createdAt,
                           List<FileEntry> files) {
        public long recordings() {
            return files == null ? 0 : files.stream().filter(f -> f.path().startsWith(RECORDINGS + "/")).count();
        }
    }

    public record FileEntry(String path, long size, String sha256) {
    }

    /** What {@link #extract} left in the staging folder, verified. */
    public record Extracted(Manifest manifest, Path database, Path recordingsDir) {
    }

    /**
     * Writes the archive to {@code out} (atomically: a temporary file next to it, renamed at the end), mode 0600.
     *
     * @param recordings the recordings folder to include, or null; symbolic links inside are skipped
     */
    public static Manifest write(Path out, Path database, Path recordings, String mokedVersion, String schemaVersion,
                                 String createdAt) throws IOException {
        Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        List<FileEntry> files = new ArrayList<>();
        io.moked.config.PrivateFiles.createFile(tmp); // 0600 from the first byte, not only once complete
        try (OutputStream raw = Files.newOutputStream(tmp);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(
                     new BufferedOutputStream(raw)))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            files.add(addFile(tar, database, DATABASE));
            if (recordings != null && Files.isDirectory(recordings)) {
                List<Path> wavs;
                try (var walk = Files.walk(recordings)) {
                    wavs = walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                            .sorted().toList();
                }
                for (Path file : wavs) {
                    String rel = recordings.relativize(file).toString().replace('\\', '/');
                    files.add(addFile(tar, file, RECORDINGS + "/" + rel));
                }
            }
            Manifest manifest = new Manifest(FORMAT, mokedVersion, schemaVersion, createdAt, files);
            byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
            TarArchiveEntry entry = new TarArchiveEntry(MANIFEST);
            entry.setMode(ENTRY_MODE);
            entry.setSize(json.length);
            tar.putArchiveEntry(entry);
            tar.write(json);
            tar.closeArchiveEntry();
            tar.finish();
            ownerOnly(tmp);
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return manifest;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A file's entry: exactly the size it had when we started (a recording still being written is cut there). */
    private static FileEntry addFile(TarArchiveOutputStream tar, Path file, String name) throws IOException {
        long size = Files.size(file);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(ENTRY_MODE);
        entry.setSize(size);
        entry.setModTime(Files.getLastModifiedTime(file));
        tar.putArchiveEntry(entry);
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            byte[] buffer = new byte[COPY_BUFFER_BYTES];
            long remaining = size;
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new IOException(file + " shrank while it was being backed up");
                }
                tar.write(buffer, 0, n);
                remaining -= n;
            }
        }
        tar.closeArchiveEntry();
        return new FileEntry(name, size, HexFormat.of().formatHex(sha.digest()));
    }

    /**
     * Unpacks {@code archive} into the empty folder {@code staging} and verifies it against its manifest.
     *
     * @throws ValidationException when the file is not a Moked backup, is damaged, or holds anything unsafe
     */
    public static Extracted extract(Path archive, Path staging) throws IOException {
        Set<String> seen = new HashSet<>();
        Map<String, FileEntry> actual = new java.util.HashMap<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(gunzip(raw, archive))) {
            TarArchiveEntry entry;
            while ((entry = nextEntry(tar, archive)) != null) {
                String name = checkedName(entry.getName());
                if (entry.isDirectory()) {
                    continue; // folders are created for the files inside them
                }
                if (!entry.isFile() || entry.isSymbolicLink() || entry.isLink() || entry.isCharacterDevice()
                        || entry.isBlockDevice() || entry.isFIFO() || entry.isSparse()) {
                    throw invalid(archive, "entry " + quote(name) + " is not a regular file (links, devices and "
                            + "FIFOs are refused)");
                }
                if (!name.equals(DATABASE) && !name.equals(MANIFEST) && !name.startsWith(RECORDINGS + "/")) {
                    throw invalid(archive, "unexpected entry " + quote(name));
                }
                if (!seen.add(name)) {
                    throw invalid(archive, "entry " + quote(name) + " appears twice");
                }
                if (name.equals(MANIFEST) && entry.getSize() > MAX_MANIFEST_BYTES) {
                    throw invalid(archive, "manifest.json is implausibly large");
                }
                Path dest = staging.resolve(name).normalize();
                if (!dest.startsWith(staging)) {
                    throw invalid(archive, "entry " + quote(name) + " points outside the archive");
                }
                Files.createDirectories(dest.getParent());
                MessageDigest sha = sha256();
                try (OutputStream out = Files.newOutputStream(dest, java.nio.file.StandardOpenOption.CREATE_NEW)) {
                    long size = new DigestInputStream(tar, sha).transferTo(out);
                    actual.put(name, new FileEntry(name, size, HexFormat.of().formatHex(sha.digest())));
                }
            }
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw invalid(archive, "the archive is damaged or cut short (" + quote(String.valueOf(e.getMessage()))
                    + ")");
        }
        Manifest manifest = readManifest(archive, staging, actual);
        Path recordings = staging.resolve(RECORDINGS);
        return new Extracted(manifest, staging.resolve(DATABASE), Files.isDirectory(recordings) ? recordings : null);
    }

    private static Manifest readManifest(Path archive, Path staging, Map<String, FileEntry> actual)
            throws IOException {
        if (!actual.containsKey(MANIFEST)) {
            throw invalid(archive, "no manifest.json: not a Moked backup archive");
        }
        Manifest manifest;
        try {
            manifest = JSON.readValue(staging.resolve(MANIFEST).toFile(), Manifest.class);
        } catch (IOException e) {
            throw invalid(archive, "manifest.json is not valid JSON");
        }
        if (!FORMAT.equals(manifest.format())) {
            throw invalid(archive, "unknown backup format " + quote(String.valueOf(manifest.format()))
                    + " (this Moked reads " + FORMAT + ")");
        }
        if (manifest.files() == null || manifest.files().stream().noneMatch(f -> DATABASE.equals(f.path()))) {
            throw invalid(archive, "the manifest lists no " + DATABASE);
        }
        Map<String, FileEntry> listed = manifest.files().stream()
                .collect(Collectors.toMap(FileEntry::path, Function.identity(), (a, b) -> {
                    throw invalid(archive, "the manifest lists " + quote(a.path()) + " twice");
                }));
        for (FileEntry expected : listed.values()) {
            FileEntry got = actual.get(expected.path());
            if (got == null) {
                throw invalid(archive, quote(expected.path()) + " is listed in the manifest but missing");
            }
            if (got.size() != expected.size() || !got.sha256().equalsIgnoreCase(String.valueOf(expected.sha256()))) {
                throw invalid(archive, quote(expected.path()) + " does not match its checksum (damaged archive)");
            }
        }
        for (String name : actual.keySet()) {
            if (!name.equals(MANIFEST) && !listed.containsKey(name)) {
                throw invalid(archive, quote(name) + " is not listed in the manifest");
            }
        }
        return manifest;
    }

    /** An archive name as a safe relative path: no absolute path, no "." or ".." segment, no control characters. */
    static String checkedName(String raw) {
        String name = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        if (name.isEmpty() || name.length() > MAX_NAME_CHARS || name.startsWith("/")) {
            throw new ValidationException("unsafe archive entry name " + quote(raw));
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
                throw new ValidationException("unsafe archive entry name " + quote(raw));
            }
        }
        return name;
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar, Path archive) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IOException | IllegalArgumentException e) {
            throw invalid(archive, "damaged tar data (" + quote(String.valueOf(e.getMessage())) + ")");
        }
    }

    private static InputStream gunzip(InputStream in, Path archive) throws IOException {
        try {
            return new GZIPInputStream(in);
        } catch (java.util.zip.ZipException e) {
            throw invalid(archive, "not a gzip-compressed backup archive");
        }
    }

    static ValidationException invalid(Path archive, String why) {
        return new ValidationException("cannot restore from " + archive + ": " + why);
    }

    /** Names from an archive may hold anything: bounded and with control characters escaped before printing. */
    static String quote(String text) {
        String bounded = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        StringBuilder sb = new StringBuilder("'");
        bounded.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.append('\'').toString();
    }

    static void ownerOnly(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString(
                    Files.isDirectory(file) ? "rwx------" : "rw-------"));
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
