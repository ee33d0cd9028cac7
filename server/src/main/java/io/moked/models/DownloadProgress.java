package io.moked.models;

/** Receives progress of a pull; called on the pulling thread, so implementations must be quick. */
@FunctionalInterface
public interface DownloadProgress {
    DownloadProgress NONE = event -> {
    };

    void onEvent(Event event);

    /** What the pull is doing now. */
    enum Phase {
        /** request sent, starting from byte 0 */
        STARTED,
        /** request sent with a Range header, continuing a partial download */
        RESUMED,
        DOWNLOADING,
        /** all bytes received, checking sha256 */
        VERIFYING,
        INSTALLED,
        /** the file was already there and intact; nothing downloaded */
        ALREADY_INSTALLED
    }

    /**
     * @param bytesDone  bytes of the file on disk so far (including resumed bytes)
     * @param bytesTotal full file size, or -1 when the server did not say
     */
    record Event(String model, Phase phase, long bytesDone, long bytesTotal) {
    }
}
