package io.moked.cli.sim.upstream;

import java.util.concurrent.atomic.AtomicLong;

/** What the simulator has served; printed when it stops and used by tests. */
public final class SimCounters {
    final AtomicLong chat = new AtomicLong();
    final AtomicLong toolCalls = new AtomicLong();
    final AtomicLong transcriptions = new AtomicLong();
    final AtomicLong speech = new AtomicLong();
    final AtomicLong badRequests = new AtomicLong();
    /** Streams the client closed before the end (e.g. the appliance cancelled a reply on barge-in). */
    final AtomicLong abandonedStreams = new AtomicLong();

    public long chat() {
        return chat.get();
    }

    public long toolCalls() {
        return toolCalls.get();
    }

    public long transcriptions() {
        return transcriptions.get();
    }

    public long speech() {
        return speech.get();
    }

    public long badRequests() {
        return badRequests.get();
    }

    public long abandonedStreams() {
        return abandonedStreams.get();
    }

    @Override
    public String toString() {
        return "chat=" + chat + " tool_calls=" + toolCalls + " transcriptions=" + transcriptions + " speech=" + speech
                + " bad_requests=" + badRequests + " abandoned_streams=" + abandonedStreams;
    }
}
