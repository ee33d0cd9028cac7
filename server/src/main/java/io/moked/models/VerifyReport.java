package io.moked.models;

import java.util.List;

/** Result of re-hashing every installed model file. */
public record VerifyReport(List<ModelStatus> results) {
    public VerifyReport {
        results = List.copyOf(results);
    }

    public boolean hasCorrupted() {
        return results.stream().anyMatch(r -> r.state() == InstallState.CORRUPTED);
    }
}
