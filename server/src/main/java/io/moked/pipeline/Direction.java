package io.moked.pipeline;

/** Frames flow downstream (caller → agent → caller) or upstream (reports from the output back to the agent). */
public enum Direction { DOWNSTREAM, UPSTREAM }
