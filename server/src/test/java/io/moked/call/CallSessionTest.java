package io.moked.call;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.moked.pipeline.CallEnd;
import io.moked.pipeline.Direction;
import io.moked.pipeline.DtmfFrame;
import io.moked.pipeline.Frame;
import io.moked.pipeline.FrameProcessor;
import io.moked.pipeline.HangupFrame;
import io.moked.pipeline.ManualExecutor;
import io.moked.pipeline.PipelineContext;
import io.moked.testing.FakeLlmEngine;
import io.moked.testing.FakeSttEngine;
import io.moked.testing.FakeTtsEngine;
import io.moked.testing.TestEngines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A call's session over a stand-in pipeline: how it ends, once, and what it releases. */
class CallSessionTest {
    private static final String CALL_SID = "CA-session";

    private final ManualExecutor executor = new ManualExecutor();
    private final FakeLlmEngine llm = new FakeLlmEngine(List.of(""), 0);
    private final List<String> endReasons = new CopyOnWriteArrayList<>();
    private final AtomicInteger streamsClosed = new AtomicInteger();
    private TestEngines engines;
    private CallRegistry registry;
    private CallSlot slot;
    private CallSession session;

    /** Stands in for the processors: a key press makes the "agent" end the call the way the key says. */
    private static final class KeyToHangup extends FrameProcessor {
        KeyToHangup() {
            super("key-to-hangup");
        }

        @Override
        protected void process(Frame frame, Direction direction) {
            if (frame instanceof DtmfFrame) {
                forward(new HangupFrame(null, CallEnd.TRANSFERRED), Direction.DOWNSTREAM);
            } else {
                forward(frame, direction);
            }
        }
    }

    @BeforeEach
    void start() {
        engines = new TestEngines(new FakeSttEngine(i -> ""), llm, new FakeTtsEngine(1, 0));
        CallConfig config = new CallConfig(4, 30_000, "he", "he-IL", "sorry", 20, 60, 3000, 120, 0.4, 300, 40, 3,
                "[{digit}]", 0, 2, 4, 4, "", Map.of());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        registry = new CallRegistry(config, meters);
        slot = ((CallRegistry.Admitted) registry.admit(CALL_SID, 1, "t1", 4, "token")).slot();
        CallPlan plan = TestPlans.plan(1, CALL_SID);
        slot.plan(plan);
        PipelineContext context = new PipelineContext(executor, Map.of("callSid", CALL_SID));
        CallJournal journal = new CallJournal() {
            @Override
            public void turn(CallPlan call, Turn turn) {
            }

            @Override
            public void recording(CallPlan call, String location) {
            }

            @Override
            public void callEnded(CallPlan call, String reason) {
                endReasons.add(reason);
            }
        };
        CallRecorder recorder = new CallRecorder(plan, journal, new CallMetrics(meters), Runnable::run, context, null);
        KeyToHangup processor = new KeyToHangup();
        session = new CallSession(slot, List.of(processor), context, processor, recorder, registry, engines.llm,
                streamsClosed::incrementAndGet, new InboundTimeline(2000, InboundTimeline.Listener.NONE));
    }

    @AfterEach
    void stop() {
        engines.close();
    }

    @Test
    void theEndOfACallReleasesItsEngineSessionAndItsSlot() {
        session.end(CallEnd.STREAM_STOPPED);
        executor.runUntilIdle();
        assertTrue(session.finished().isDone());
        assertEquals(List.of(CALL_SID), llm.endedSessions, "the model was told the conversation is over");
        assertEquals(List.of("stream_stopped"), endReasons);
        assertTrue(registry.find(CALL_SID).isEmpty(), "the call's slot is free");
        session.end(CallEnd.SOCKET_CLOSED);
        executor.runUntilIdle();
        assertEquals(1, llm.endedSessions.size(), "ended once");
        assertEquals(List.of("stream_stopped"), endReasons);
    }

    @Test
    void theAgentsHangUpClosesTheStreamAndIsTheCallsOneEnding() {
        session.dtmf("0", 0);
        executor.runUntilIdle();
        assertEquals(1, streamsClosed.get());
        session.end(CallEnd.SOCKET_CLOSED); // the socket's close follows the agent's hang-up
        executor.runUntilIdle();
        assertEquals(List.of("transferred"), endReasons, "a transfer, not a closed socket");
        assertEquals(CallEnd.TRANSFERRED, slot.ending().orElseThrow());
        assertEquals(List.of(CALL_SID), llm.endedSessions);
        assertEquals(CallEnd.TRANSFERRED, registry.takeEnded(CALL_SID, 1).flatMap(CallSlot::ending).orElseThrow(),
                "Twilio's Connect action learns it was a transfer");
    }
}
