package io.moked.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 item 9: the data directory is 0700 and the database (+ WAL/SHM), recordings and backups 0600 whatever the
 * umask. The appliance's state is opened in a child JVM started under {@code umask 000} (everything would be
 * world-writable if modes were left to the umask).
 */
class FileModesTest {
    @TempDir
    Path tmp;

    @Test
    void underAPermissiveUmaskTheDataDirectoryIs0700AndItsFiles0600() throws Exception {
        Path data = tmp.resolve("var");
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                FileModesProbe.class.getName(), data.toString());
        Path log = tmp.resolve("probe.log");
        Process probe = new ProcessBuilder(withShell(java)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(probe.waitFor(120, TimeUnit.SECONDS), "probe finished");
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, probe.exitValue(), out);

        Map<String, String> modes = new LinkedHashMap<>();
        out.lines().filter(l -> l.startsWith("MODE ")).forEach(l -> {
            String[] parts = l.substring(5).split(" ");
            modes.put(parts[0], parts[1]);
        });
        assertEquals("rwx------", modes.get(""), "data directory: " + modes);
        for (String file : List.of("moked.db", "moked.db-wal", "moked.db-shm", "recordings/modes/2026-01-01/CA1.wav")) {
            assertEquals("rw-------", modes.get(file), file + ": " + modes);
        }
        for (String dir : List.of("recordings", "recordings/modes", "backups")) {
            assertEquals("rwx------", modes.get(dir), dir + ": " + modes);
        }
        List<String> backups = modes.keySet().stream().filter(p -> p.startsWith("backups/")).toList();
        assertTrue(!backups.isEmpty(), "a backup was written: " + modes);
        for (String path : modes.keySet()) {
            String mode = modes.get(path);
            assertEquals("---", mode.substring(6), "nothing of the data dir is open to others: " + path + " " + mode);
        }
    }

    @Test
    void anExistingOpenDataDirectoryIsClosedAndNewFilesAre0600() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
        PrivateFiles.directory(data);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        Path file = PrivateFiles.createFile(data.resolve("a"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        PrivateFiles.file(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    private static List<String> withShell(List<String> command) {
        List<String> all = new ArrayList<>(List.of("sh", "-c", "umask 000 && exec \"$@\"", "sh"));
        all.addAll(command);
        return all;
    }
}
