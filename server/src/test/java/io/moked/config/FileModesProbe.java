package io.moked.config;

import io.micronaut.context.ApplicationContext;
import io.moked.audio.StereoWavRecorder;
import io.moked.crm.tenant.TenantService;
import io.moked.crm.tenant.TenantSpec;
import io.moked.db.backup.BackupService;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Run by {@link FileModesTest} in its own JVM under {@code umask 000}: opens the appliance's state in a fresh data
 * directory (SQLite with WAL, a write, a recording, a backup) and, while everything is still open (SQLite removes
 * -wal/-shm on close), prints "MODE path rwx......" for every file and folder in it.
 */
public final class FileModesProbe {
    private FileModesProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "moked.data-dir", data.toString(),
                "moked.engines.warm-up-on-start", "false"))) {
            context.getBean(TenantService.class).create(new TenantSpec("modes", "Modes", "Noa", null, null, null,
                    null, null, null, true, 2, 4, null, null, null, null, List.of("+97236091777")), "probe");
            Path recordings = data.resolve("recordings").resolve("modes").resolve("2026-01-01");
            PrivateFiles.subdirectory(recordings);
            new StereoWavRecorder(recordings.resolve("CA1.wav"), 8000).close();
            context.getBean(BackupService.class).backup(null, true);
            try (Stream<Path> all = Files.walk(data)) {
                for (Path p : all.toList()) {
                    System.out.println("MODE " + data.relativize(p) + " " + PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
                }
            }
        }
    }
}
