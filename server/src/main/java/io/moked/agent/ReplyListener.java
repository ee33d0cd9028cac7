package io.moked.agent;

import io.moked.agent.tools.ToolResult;
import io.moked.llm.ToolCall;
import io.moked.pipeline.Frame;
import io.moked.pipeline.LlmTextFrame;
import io.moked.pipeline.MetricsFrame;
import io.moked.pipeline.ToolCallFrame;
import io.moked.pipeline.reply.Reply;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Streams one answer of the {@link AgentProcessor} into its reply's frames while the reply is wanted (not cut, the
 * call not over); tool events are stored as turns. Text comes on the model's thread, tool events on the tool
 * thread: it only pushes frames (thread-safe) and writes the thread-safe {@link Reply}.
 */
final class ReplyListener implements AgentLoop.Listener {
    private final Reply reply;
    private final long startedNanos;
    private final LongSupplier modelFirstText;
    private final LongSupplier clock;
    private final Consumer<Frame> push;
    private final Consumer<Frame> report;
    private final BooleanSupplier ended;
    private final AgentProcessor.ToolTurns toolTurns;
    private volatile boolean first = true;

    /**
     * @param reply          the reply the text belongs to, or null for a tool run without a reply (escalation)
     * @param startedNanos   when the model request was sent
     * @param modelFirstText when the model's first text arrived if that was before this listener took over (an
     *                       adopted draft), else -1: the LLM_FIRST_TOKEN metric is the model's own time either way
     */
    ReplyListener(Reply reply, long startedNanos, LongSupplier modelFirstText, LongSupplier clock,
                  Consumer<Frame> push, Consumer<Frame> report, BooleanSupplier ended,
                  AgentProcessor.ToolTurns toolTurns) {
        this.reply = reply;
        this.startedNanos = startedNanos;
        this.modelFirstText = modelFirstText;
        this.clock = clock;
        this.push = push;
        this.report = report;
        this.ended = ended;
        this.toolTurns = toolTurns;
    }

    private boolean wanted() {
        return reply != null && !reply.isCancelled() && !ended.getAsBoolean();
    }

    @Override
    public void onText(String delta) {
        if (!wanted() || delta == null || delta.isEmpty()) {
            return;
        }
        if (first) {
            first = false;
            long now = clock.getAsLong();
            reply.latency().firstToken(now); // the reply's first text: ~the turn's transcript time for a draft
            long modelText = modelFirstText.getAsLong() >= 0 ? modelFirstText.getAsLong() : now;
            report.accept(new MetricsFrame(MetricsFrame.Stage.LLM_FIRST_TOKEN, modelText - startedNanos));
        }
        reply.appendText(delta);
        push.accept(new LlmTextFrame(reply, delta));
    }

    @Override
    public void onToolCall(ToolCall call) {
        if (wanted()) {
            push.accept(new ToolCallFrame(reply, call));
        }
    }

    @Override
    public void onToolResult(ToolCall call, ToolResult result) {
        toolTurns.toolTurn(call, result);
    }
}
