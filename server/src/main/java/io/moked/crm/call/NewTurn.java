package io.moked.crm.call;

import io.micronaut.core.annotation.Nullable;

/**
 * A turn to append; the service numbers it. {@code stages} is null for turns that were not timed by stage;
 * {@code resumed} marks an assistant turn that resumed a reply after a false interruption.
 */
public record NewTurn(TurnRole role, String text, @Nullable Long startMs, @Nullable Long endMs,
                      @Nullable Double sttConfidence, boolean interrupted, @Nullable Integer latencyMs,
                      @Nullable TurnStages stages, boolean resumed) {

    public static NewTurn user(String text, long startMs, long endMs, @Nullable Double sttConfidence) {
        return new NewTurn(TurnRole.USER, text, startMs, endMs, sttConfidence, false, null, null, false);
    }

    public static NewTurn assistant(String text, long startMs, long endMs, boolean interrupted,
                                    @Nullable Integer latencyMs) {
        return assistant(text, startMs, endMs, interrupted, latencyMs, null);
    }

    public static NewTurn assistant(String text, long startMs, long endMs, boolean interrupted,
                                    @Nullable Integer latencyMs, @Nullable TurnStages stages) {
        return assistant(text, startMs, endMs, interrupted, latencyMs, stages, false);
    }

    /** @param resumed the turn resumed a reply after a false interruption */
    public static NewTurn assistant(String text, long startMs, long endMs, boolean interrupted,
                                    @Nullable Integer latencyMs, @Nullable TurnStages stages, boolean resumed) {
        return new NewTurn(TurnRole.ASSISTANT, text, startMs, endMs, null, interrupted, latencyMs, stages, resumed);
    }
}
