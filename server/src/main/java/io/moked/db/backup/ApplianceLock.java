package io.moked.db.backup;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.moked.config.MokedConfig;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Tells whether an appliance runs on a data directory: every running appliance holds a shared lock on
 * {@code <data-dir>/moked.lock} (an OS file lock, so it disappears with the process, even after kill -9; no stale PID
 * files). {@code agentctl db restore} takes the exclusive lock: it is refused while any appliance holds the shared
 * one, and while it holds the exclusive one an appliance refuses to start. Admin commands (environment "cli") do not
 * take it.
 */
@Context
@Requires(notEnv = "cli")
public class ApplianceLock {
    public static final String FILE_NAME = "moked.lock";
    private static final Logger LOG = LoggerFactory.getLogger(ApplianceLock.class);

    private final Held held;

    public ApplianceLock(MokedConfig config) {
        Path file = config.dataDir().resolve(FILE_NAME);
        Optional<Held> lock;
        try {
            lock = acquire(file, true);
        } catch (IOException e) {
            // a read-only or odd data dir: the database will say more; only restore's safety check is weaker
            LOG.warn("cannot lock {} ({}); 'agentctl db restore' cannot tell that this appliance runs", file,
                    e.getMessage());
            held = null;
            return;
        }
        held = lock.orElseThrow(() -> new IllegalStateException("the data directory " + config.dataDir()
                .toAbsolutePath() + " is locked by 'agentctl db restore': start the appliance after it has finished"));
    }

    /**
     * The exclusive lock for a restore, or empty when an appliance (or another restore) holds the data directory.
     * Close the result to release it.
     */
    public static Optional<Held> tryExclusive(Path dataDir) throws IOException {
        io.moked.config.PrivateFiles.directory(dataDir);
        return acquire(dataDir.resolve(FILE_NAME), false);
    }

    private static Optional<Held> acquire(Path file, boolean shared) throws IOException {
        if (file.getParent() != null) {
            io.moked.config.PrivateFiles.subdirectory(file.getParent());
        }
        io.moked.config.PrivateFiles.createFile(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new Held(channel, lock));
        } catch (OverlappingFileLockException e) {
            // this JVM already holds a lock on the file: for an appliance that is a second appliance context in the
            // same process (tests), which the first one's lock already covers; for a restore it means "in use"
            channel.close();
            return shared ? Optional.of(new Held(null, null)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @PreDestroy
    void release() {
        if (held != null) {
            held.close();
        }
    }

    /** A held lock; closing releases it. */
    public static final class Held implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            if (lock == null) {
                return;
            }
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                LOG.warn("cannot release the data directory lock: {}", e.getMessage());
            }
        }
    }
}
