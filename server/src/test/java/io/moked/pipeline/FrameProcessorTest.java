package io.moked.pipeline;

import io.moked.pipeline.reply.Reply;
import io.moked.pipeline.reply.TurnLatency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameProcessorTest {
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** Records what it processes; blocks on its first frame until released, so later frames pile up in its queues. */
    static final class GatedRecorder extends FrameProcessor {
        final List<Frame> processed = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        GatedRecorder() {
            super("gated");
        }

        @Override
        protected void process(Frame frame, Direction direction) {
            processed.add(frame);
            if (processed.size() == 1) {
                entered.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            forward(frame, direction);
        }
    }

    private Pipeline pipeline(FrameProcessor... processors) {
        return new Pipeline(List.of(processors), new PipelineContext(executor, Map.of("callSid", "CA-test")));
    }

    @Test
    void systemFramesOvertakeQueuedDataFrames() throws Exception {
        GatedRecorder gated = new GatedRecorder();
        Pipeline pipeline = pipeline(gated);
        Reply reply = new Reply(1, Reply.Kind.MODEL, 0);
        pipeline.queue(new LlmTextFrame(reply, "first"));
        assertTrue(gated.entered.await(5, TimeUnit.SECONDS));
        pipeline.queue(new LlmTextFrame(reply, "second"));
        pipeline.queue(new LlmTextFrame(reply, "third"));
        pipeline.queue(new DtmfFrame("5", 0));
        pipeline.queue(new EndFrame(CallEnd.STREAM_STOPPED));
        gated.release.countDown();
        pipeline.ended().get(5, TimeUnit.SECONDS);
        waitUntil(() -> gated.processed.size() == 5);

        List<String> order = gated.processed.stream().map(ProcessorHarness::describe).toList();
        assertEquals(List.of("text:first", "dtmf:5", "end", "text:second", "text:third"), order);
    }

    @Test
    void interruptionDropsQueuedDataFramesButNotSystemFrames() throws Exception {
        GatedRecorder gated = new GatedRecorder();
        List<Frame> leftTail = new CopyOnWriteArrayList<>();
        Pipeline pipeline = new Pipeline(List.of(gated),
                new PipelineContext(executor, Map.of()), leftTail::add);
        Reply first = new Reply(1, Reply.Kind.MODEL, 0);
        pipeline.queue(new LlmTextFrame(first, "first"));
        assertTrue(gated.entered.await(5, TimeUnit.SECONDS));
        pipeline.queue(new SentenceFrame(first, 0, "stale sentence"));
        pipeline.queue(new TtsAudioFrame(first, 0, new short[160], 8000));
        pipeline.queue(new DtmfFrame("1", 0));
        first.interrupt(); // the agent's barge-in decision, then its frame
        pipeline.queue(new InterruptionFrame(first, 0));
        gated.release.countDown();
        // data queued after the interruption belongs to the next reply and must flow
        waitUntil(() -> gated.processed.size() >= 3);
        pipeline.queue(new LlmTextFrame(new Reply(2, Reply.Kind.MODEL, 0), "fresh"));
        waitUntil(() -> gated.processed.size() >= 4);

        List<String> order = gated.processed.stream().map(ProcessorHarness::describe).toList();
        assertEquals(List.of("text:first", "dtmf:1", "interruption"), order.subList(0, 3));
        assertTrue(order.contains("text:fresh"), "data after the interruption must flow: " + order);
        assertTrue(order.stream().noneMatch(d -> d.startsWith("SentenceFrame") || d.startsWith("TtsAudioFrame")),
                "stale data frames were processed: " + order);
        assertTrue(leftTail.stream().noneMatch(f -> f instanceof SentenceFrame || f instanceof TtsAudioFrame),
                "stale data frames reached the tail: " + leftTail);
    }

    @Test
    void upstreamFramesTravelToTheHeadAndProcessorFailureDoesNotStopTheCall() throws Exception {
        List<Frame> seenByHead = new CopyOnWriteArrayList<>();
        List<Frame> errors = new CopyOnWriteArrayList<>();
        FrameProcessor head = new FrameProcessor("head") {
            @Override
            protected void process(Frame frame, Direction direction) {
                if (direction == Direction.UPSTREAM) {
                    seenByHead.add(frame);
                    return;
                }
                forward(frame, direction);
            }
        };
        FrameProcessor faulty = new FrameProcessor("faulty") {
            @Override
            protected void process(Frame frame, Direction direction) {
                if (frame instanceof DtmfFrame) {
                    throw new IllegalStateException("boom");
                }
                if (frame instanceof LlmTextFrame text) {
                    push(new ReplyPlayedFrame(text.reply(), heard(text.text())), Direction.UPSTREAM);
                    return;
                }
                forward(frame, direction);
            }
        };
        Pipeline pipeline = pipeline(head, faulty);
        pipeline.context().addObserver((processor, frame, direction) -> {
            if (frame instanceof ErrorFrame) {
                errors.add(frame);
            }
        });
        pipeline.queue(new DtmfFrame("9", 0));
        Reply reply = new Reply(7, Reply.Kind.MODEL, 0);
        pipeline.queue(new LlmTextFrame(reply, "hello"));
        pipeline.queue(new EndFrame(CallEnd.SOCKET_CLOSED));
        pipeline.ended().get(5, TimeUnit.SECONDS);
        waitUntil(() -> !seenByHead.isEmpty());
        assertEquals(1, errors.size());
        assertEquals(new ReplyPlayedFrame(reply, heard("hello")), seenByHead.get(0));
    }

    private static Reply.Outcome heard(String text) {
        return new Reply.Outcome(Reply.State.HEARD, text, 0, 0, -1, TurnLatency.Stages.NONE);
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(5);
        }
    }
}
