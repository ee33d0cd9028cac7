package io.moked.engine;

/**
 * Marks an engine that does its work on another machine (an OpenAI-compatible server): an attempt mostly waits on
 * the network, so the router runs it on the kind's I/O-sized remote executor instead of the core-sized executor of
 * local inference (see {@link RouteConfig#remoteThreads()}). Engines without this marker run locally.
 */
public interface RemoteEngine {
}
