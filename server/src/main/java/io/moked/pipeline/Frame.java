package io.moked.pipeline;

/**
 * Everything that moves through a call is an immutable frame. {@link SystemFrame}s overtake queued
 * {@link DataFrame}s and are never dropped by an interruption; data frames are dropped by an interruption.
 */
public sealed interface Frame permits SystemFrame, DataFrame {
}
