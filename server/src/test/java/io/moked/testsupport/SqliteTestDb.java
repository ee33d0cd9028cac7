package io.moked.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A fresh data directory (and so a fresh SQLite file) per test class. */
public final class SqliteTestDb implements TestDb {
    private final Path dataDir;

    public SqliteTestDb() {
        try {
            dataDir = Files.createTempDirectory("moked-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public Map<String, String> properties() {
        return Map.of("moked.data-dir", dataDir.toString(), "moked.db.url", "");
    }

    @Override
    public String describe() {
        return "sqlite " + dataDir;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
