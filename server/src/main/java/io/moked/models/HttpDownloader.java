package io.moked.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one URL into a {@code .part} file, continuing an existing partial file with an HTTP Range request.
 * {@link HttpURLConnection} rather than {@code java.net.http.HttpClient} because it has a per-read timeout: a
 * stalled transfer fails instead of hanging the pull forever.
 */
final class HttpDownloader {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");
    private static final int BUFFER_BYTES = 1 << 16;
    /** report at most ~200 progress steps per file, but never more often than every 64 KiB */
    private static final int PROGRESS_STEPS = 200;
    private static final long MIN_PROGRESS_BYTES = 64 * 1024;
    private static final String USER_AGENT = "moked-models/1";

    private final Duration connectTimeout;
    private final Duration readTimeout;

    HttpDownloader(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** The complete {@code .part}: its sha256 and size. */
    record Downloaded(String sha256, long sizeBytes) {
    }

    Downloaded download(String model, URI url, Path part, Long expectedSize, DownloadProgress progress) {
        long existing = sizeOf(part);
        if (expectedSize != null && existing > expectedSize) {
            // longer than the file can be: not a prefix of it, start over
            deleteQuietly(part);
            existing = 0;
        }
        if (expectedSize != null && existing == expectedSize && existing > 0) {
            return hashExisting(part);
        }
        // one restart is allowed when the server cannot continue the partial file (range rejected or misaligned)
        for (int attempt = 0; ; attempt++) {
            try {
                return transfer(model, url, part, existing, expectedSize, progress);
            } catch (RestartFromZero restart) {
                deleteQuietly(part);
                existing = 0;
                if (attempt > 0) {
                    throw new ModelDownloadException("download of " + model + " from " + url
                            + " failed: the server rejected the byte range twice (" + restart.getMessage() + ")");
                }
            }
        }
    }

    private Downloaded transfer(String model, URI url, Path part, long existing, Long expectedSize,
            DownloadProgress progress) {
        HttpURLConnection conn;
        int status;
        try {
            conn = (HttpURLConnection) url.toURL().openConnection();
            conn.setConnectTimeout((int) connectTimeout.toMillis());
            conn.setReadTimeout((int) readTimeout.toMillis());
            conn.setInstanceFollowRedirects(true);
            conn.setRequestProperty("User-Agent", USER_AGENT);
            conn.setRequestProperty("Accept-Encoding", "identity");
            if (existing > 0) {
                conn.setRequestProperty("Range", "bytes=" + existing + "-");
            }
            status = conn.getResponseCode();
        } catch (IOException e) {
            throw new ModelDownloadException("cannot download " + model + " from " + url + ": " + reason(e)
                    + resumeHint(model, existing) + " (no internet here? use `agentctl models import DIR|TARBALL`)",
                    e);
        }
        try {
            long start;
            long total;
            if (status == HttpURLConnection.HTTP_PARTIAL && existing > 0) {
                Matcher range = CONTENT_RANGE.matcher(String.valueOf(conn.getHeaderField("Content-Range")));
                if (!range.matches() || Long.parseLong(range.group(1)) != existing) {
                    throw new RestartFromZero("Content-Range " + conn.getHeaderField("Content-Range")
                            + " does not continue at byte " + existing);
                }
                start = existing;
                total = range.group(3).equals("*") ? -1 : Long.parseLong(range.group(3));
            } else if (status == HttpURLConnection.HTTP_OK) {
                start = 0; // the server ignored the Range header (or none was sent): whole file from byte 0
                total = conn.getContentLengthLong();
            } else if (status == 416 && existing > 0) {
                Matcher range = UNSATISFIED_RANGE.matcher(String.valueOf(conn.getHeaderField("Content-Range")));
                if (range.matches() && Long.parseLong(range.group(1)) == existing) {
                    return hashExisting(part); // the partial file was already complete
                }
                throw new RestartFromZero("HTTP 416 for bytes=" + existing + "-");
            } else {
                throw new ModelDownloadException("cannot download " + model + ": HTTP " + status + " from " + url);
            }
            if (expectedSize != null && total >= 0 && total != expectedSize) {
                throw new ModelIntegrityException("server offers " + total + " bytes for " + model + " but "
                        + expectedSize + " are expected; not downloading (wrong URL or a new upstream version?)");
            }
            return receive(model, conn, part, start, total, expectedSize, progress);
        } finally {
            conn.disconnect();
        }
    }

    private Downloaded receive(String model, HttpURLConnection conn, Path part, long start, long total,
            Long expectedSize, DownloadProgress progress) {
        MessageDigest digest = Sha256.newDigest();
        long done = start;
        try {
            if (start > 0) {
                try (InputStream previous = Files.newInputStream(part)) {
                    Sha256.update(digest, previous);
                }
                progress.onEvent(new DownloadProgress.Event(model, DownloadProgress.Phase.RESUMED, start, total));
            } else {
                progress.onEvent(new DownloadProgress.Event(model, DownloadProgress.Phase.STARTED, 0, total));
            }
            long step = Math.max(MIN_PROGRESS_BYTES, total > 0 ? total / PROGRESS_STEPS : 0);
            long lastReported = done;
            StandardOpenOption mode = start > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
            try (InputStream in = conn.getInputStream();
                 OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         mode)) {
                byte[] buffer = new byte[BUFFER_BYTES];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    digest.update(buffer, 0, n);
                    done += n;
                    if (expectedSize != null && done > expectedSize) {
                        deleteQuietly(part);
                        throw new ModelIntegrityException("server sent more than the expected " + expectedSize
                                + " bytes for " + model + "; the partial file was removed");
                    }
                    if (done - lastReported >= step) {
                        lastReported = done;
                        progress.onEvent(new DownloadProgress.Event(model, DownloadProgress.Phase.DOWNLOADING, done,
                                total));
                    }
                }
            }
        } catch (IOException e) {
            throw new ModelDownloadException("download of " + model + " interrupted at " + done + " of "
                    + (total >= 0 ? total : "?") + " bytes: " + reason(e) + resumeHint(model, done), e);
        }
        if (total >= 0 && done < total) {
            throw new ModelDownloadException("download of " + model + " cut at " + done + " of " + total + " bytes"
                    + resumeHint(model, done));
        }
        progress.onEvent(new DownloadProgress.Event(model, DownloadProgress.Phase.DOWNLOADING, done, total));
        return new Downloaded(Sha256.hex(digest), done);
    }

    private static Downloaded hashExisting(Path part) {
        try {
            return new Downloaded(Sha256.ofFile(part), Files.size(part));
        } catch (IOException e) {
            throw new ModelDownloadException("cannot read partial download " + part + ": " + e.getMessage(), e);
        }
    }

    /** Some JDK network exceptions carry only a host name as message; say what happened. */
    private static String reason(IOException e) {
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return "timed out (" + e.getMessage() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String resumeHint(String model, long bytesKept) {
        return bytesKept > 0 ? "; " + bytesKept + " bytes kept, run `agentctl models pull " + model
                + "` again to resume" : "";
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort: a leftover .part is only reused after its hash is checked
        }
    }

    /** The server cannot continue the partial file; the caller restarts from byte 0. */
    private static final class RestartFromZero extends RuntimeException {
        RestartFromZero(String message) {
            super(message, null, false, false);
        }
    }
}
