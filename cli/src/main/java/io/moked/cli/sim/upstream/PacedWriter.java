package io.moked.cli.sim.upstream;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes a response body piece by piece, each at its due time, using timers of the channel's own event loop: no
 * thread is held per stream, which is what lets a 2-core box serve hundreds of concurrent streams. Stops (and
 * counts the stream as abandoned) when the client closes the connection early, e.g. on barge-in.
 */
final class PacedWriter implements Runnable {
    /** A body piece due {@code offsetNanos} after the writer starts. */
    record Timed(long offsetNanos, byte[] bytes) {
    }

    private final ChannelHandlerContext ctx;
    private final List<Timed> pieces;
    private final boolean keepAlive;
    private final SimCounters counters;
    private long startNanos;
    private int next;

    PacedWriter(ChannelHandlerContext ctx, List<Timed> pieces, boolean keepAlive, SimCounters counters) {
        this.ctx = ctx;
        this.pieces = pieces;
        this.keepAlive = keepAlive;
        this.counters = counters;
    }

    /** @param startNanos {@link System#nanoTime()} the offsets count from (the request's arrival) */
    void start(long startNanos) {
        this.startNanos = startNanos;
        ctx.executor().execute(this);
    }

    @Override
    public void run() {
        if (!ctx.channel().isActive()) {
            counters.abandonedStreams.incrementAndGet();
            return;
        }
        long elapsed = System.nanoTime() - startNanos;
        boolean wrote = false;
        // write everything already due in one flush: cheaper than one timer per piece when the timer fires late
        while (next < pieces.size() && pieces.get(next).offsetNanos() <= elapsed) {
            ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(pieces.get(next++).bytes())));
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
        if (next < pieces.size()) {
            ctx.executor().schedule(this, pieces.get(next).offsetNanos() - elapsed, TimeUnit.NANOSECONDS);
        } else {
            HttpReplies.end(ctx, keepAlive);
        }
    }
}
