package io.moked.crm.call;

import io.micronaut.core.annotation.Nullable;

/** A turn to append; the service numbers it. */
public record NewTurn(TurnRole role, String text, @Nullable Long startMs, @Nullable Long endMs,
                      @Nullable Double sttConfidence, boolean interrupted, @Nullable Integer latencyMs) {

    public static NewTurn user(String text, long startMs, long endMs, @Nullable Double sttConfidence) {
        return new NewTurn(TurnRole.USER, text, startMs, endMs, sttConfidence, false, null);
    }

    public static NewTurn assistant(String text, long startMs, long endMs, boolean interrupted,
                                    @Nullable Integer latencyMs) {
        return new NewTurn(TurnRole.ASSISTANT, text, startMs, endMs, null, interrupted, latencyMs);
    }
}
