package io.moked.agent;

import io.moked.pipeline.AsyncLane;
import io.moked.pipeline.SpeculativeTranscriptionFrame;
import io.moked.pipeline.TranscriptionFrame;
import io.moked.pipeline.TurnEventFrame;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Preemptive generation for the {@link AgentProcessor} (compare LiveKit's {@code preemptive_generation}): when the
 * caller pauses, the model starts answering the speculative transcript on a copy of the conversation, its text held
 * back ({@link AgentLoop#draft}). When the end of the turn is confirmed with the same words and the history did
 * not change meanwhile, the agent adopts the draft ({@link #take}); otherwise the draft is cancelled and counted
 * ({@link TurnEventFrame.Event#LLM_SPECULATION_DISCARDED}). A draft that asks for a tool runs none before it is
 * adopted; adopted, its tool calls run as a confirmed first round's would. Only the agent's thread calls this.
 */
final class Preemption {
    /** A draft started on one speculative transcript. */
    static final class Speculation {
        private final SpeculativeTranscriptionFrame transcript;
        private final AgentLoop.Draft draft;
        private volatile long startedNanos = -1;
        private volatile long firstTextNanos = -1;

        private Speculation(SpeculativeTranscriptionFrame transcript, AgentLoop loop, LongSupplier clock) {
            this.transcript = transcript;
            this.draft = loop.draft(transcript.text(), () -> firstTextNanos = clock.getAsLong());
        }

        AgentLoop.Draft draft() {
            return draft;
        }

        /** When the model request was sent. */
        long startedNanos() {
            return startedNanos;
        }

        /** When the model's first text arrived, or -1 before. */
        long firstTextNanos() {
            return firstTextNanos;
        }
    }

    private final AgentLoop loop;
    private final AsyncLane lane;
    private final Consumer<TurnEventFrame> report;
    private final LongSupplier clock;
    private final boolean enabled;
    private Speculation current;

    /**
     * @param lane   the agent's lane: a draft starts when the answer before it is done, as an answer would
     * @param report counts what happened to each draft
     * @param clock   monotonic nanos (the pipeline's clock)
     * @param enabled false: {@link #start} starts nothing ({@code moked.call.replies.preemptive-llm})
     */
    Preemption(AgentLoop loop, AsyncLane lane, Consumer<TurnEventFrame> report, LongSupplier clock,
               boolean enabled) {
        this.enabled = enabled;
        this.loop = loop;
        this.lane = lane;
        this.report = report;
        this.clock = clock;
    }

    /** The caller paused with these words: start the model on them (a draft of an older pause is discarded). */
    void start(SpeculativeTranscriptionFrame transcript) {
        discard();
        if (!enabled) {
            return;
        }
        Speculation s = new Speculation(transcript, loop, clock);
        current = s;
        lane.then(() -> {
            s.startedNanos = clock.getAsLong();
            return s.draft.start();
        });
    }

    /**
     * The caller's turn is confirmed: the draft to adopt if it answers exactly this turn on the history as it is
     * now (call before adding the turn to the conversation), else null (a draft there was is discarded; one whose
     * model call already failed too, so the normal path asks the model again).
     */
    Speculation take(TranscriptionFrame confirmed) {
        Speculation s = current;
        current = null;
        if (s == null) {
            return null;
        }
        long basedOn = s.draft.basedOn();
        if (s.transcript.sameTurnAs(confirmed) && basedOn >= 0 && basedOn == loop.conversation().version()
                && !s.draft.isCancelled() && !s.draft.failed()) {
            report.accept(new TurnEventFrame(TurnEventFrame.Event.LLM_SPECULATION_USED));
            return s;
        }
        cancel(s);
        return null;
    }

    /** The caller went on (or the call moved on): the draft is cancelled and counted. */
    void discard() {
        Speculation s = current;
        current = null;
        if (s != null) {
            cancel(s);
        }
    }

    /** The call ended: the draft stops, nothing to count. */
    void end() {
        if (current != null) {
            current.draft.cancel();
            current = null;
        }
    }

    private void cancel(Speculation s) {
        s.draft.cancel();
        report.accept(new TurnEventFrame(TurnEventFrame.Event.LLM_SPECULATION_DISCARDED));
    }
}
