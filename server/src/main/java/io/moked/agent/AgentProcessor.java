package io.moked.agent;

import io.moked.agent.tools.CallDecision;
import io.moked.agent.tools.ToolResult;
import io.moked.llm.ToolCall;
import io.moked.pipeline.AsyncLane;
import io.moked.pipeline.CallEnd;
import io.moked.pipeline.Direction;
import io.moked.pipeline.DtmfFrame;
import io.moked.pipeline.EndFrame;
import io.moked.pipeline.ErrorFrame;
import io.moked.pipeline.Frame;
import io.moked.pipeline.FrameProcessor;
import io.moked.pipeline.HangupFrame;
import io.moked.pipeline.InterruptionFrame;
import io.moked.pipeline.LlmTextFrame;
import io.moked.pipeline.ReplyEndFrame;
import io.moked.pipeline.ReplyPlayedFrame;
import io.moked.pipeline.ReplyStartFrame;
import io.moked.pipeline.ResumeReplyFrame;
import io.moked.pipeline.SpeculativeTranscriptionFrame;
import io.moked.pipeline.SpeechResumedFrame;
import io.moked.pipeline.StartFrame;
import io.moked.pipeline.TranscriptionFrame;
import io.moked.pipeline.UserStartedSpeakingFrame;
import io.moked.pipeline.reply.Reply;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

/**
 * The conversation on the phone: greets, turns each caller transcription into an answer through the call's
 * {@link AgentLoop} (model, tools), and decides what needs no model — barge-in (caller speech onset interrupts the
 * reply being generated or played), DTMF keys, the tenant's escalation phrases and the transfer key (transfer at
 * once, through the {@code transfer_to_human} tool so a closed office records a call-back), and transcriptions too
 * unsure or empty to answer (asked again with the tenant's phrases, then a transfer or call-back offered). A
 * transfer or end-call decision becomes one {@link HangupFrame} ({@link #endingOf}); the call carries it out.
 * At a pause in the caller's turn the model may start on the speculative transcript, its answer held until the
 * turn is confirmed ({@link Preemption}). This processor's thread never blocks: model and tools run on their
 * executors.
 */
public final class AgentProcessor extends FrameProcessor {
    /** Tool calls and results, stored with the call's turns ({@code call show} prints them). */
    @FunctionalInterface
    public interface ToolTurns {
        ToolTurns NONE = (call, result) -> {
        };

        void toolTurn(ToolCall call, ToolResult result);
    }

    static final String TRANSFER_TOOL = "transfer_to_human";

    private final AgentLoop loop;
    private final AgentSettings settings;
    private final ToolTurns toolTurns;
    private final AsyncLane lane = new AsyncLane();
    /** Starts the model at the caller's pauses (when preemptive generation is on). */
    private final Preemption preemption;
    private long nextReplyId;
    /** The newest reply (generating, playing or done), or null. Only touched on this processor's thread. */
    private Reply active;
    /** Consecutive transcriptions too unsure or empty to answer. */
    private int misses;
    private volatile boolean ended;

    /** With preemptive generation (the configured default). */
    public AgentProcessor(AgentLoop loop, AgentSettings settings, ToolTurns toolTurns) {
        this(loop, settings, toolTurns, true);
    }

    /**
     * @param preemptive start the model at the caller's pauses on their speculative transcript ({@link Preemption};
     *                   {@code moked.call.replies.preemptive-llm})
     */
    public AgentProcessor(AgentLoop loop, AgentSettings settings, ToolTurns toolTurns, boolean preemptive) {
        super("agent");
        this.loop = loop;
        this.settings = settings;
        this.toolTurns = toolTurns;
        this.preemption = new Preemption(loop, lane, this::report, () -> context().clock().nanoTime(), preemptive);
    }

    /** The history so far (for tests and diagnostics). */
    public Conversation conversation() {
        return loop.conversation();
    }

    /** How a tool's decision ends the call; null for a decision that does not (a call-back: the call goes on). */
    public static CallEnd endingOf(CallDecision decision) {
        if (decision instanceof CallDecision.Transfer) {
            return CallEnd.TRANSFERRED;
        }
        return decision instanceof CallDecision.EndCall ? CallEnd.AGENT_HANGUP : null;
    }

    @Override
    protected void process(Frame frame, Direction direction) {
        if (frame instanceof ReplyPlayedFrame played) {
            if (played.interrupted()) {
                Reply reply = played.reply();
                conversation().replySpoken(reply.historyId(), reply.historyText(played.spokenText()));
            }
            forward(frame, direction); // the interruption processor above decides whether a cut reply resumes
        } else if (frame instanceof ResumeReplyFrame resume) {
            preemption.discard();
            resume(resume.reply(), resume.nowNanos());
        } else if (frame instanceof StartFrame start) {
            forward(frame, direction);
            greet(start.startNanos());
        } else if (frame instanceof SpeculativeTranscriptionFrame speculative) {
            speculate(speculative);
        } else if (frame instanceof SpeechResumedFrame) {
            preemption.discard(); // the caller goes on after the pause; nothing below needs to know
        } else if (frame instanceof UserStartedSpeakingFrame speech) {
            preemption.discard(); // the caller goes on in a new segment
            interruptActive(speech.onsetNanos());
        } else if (frame instanceof TranscriptionFrame transcription) {
            onTranscription(transcription);
        } else if (frame instanceof DtmfFrame dtmf) {
            preemption.discard();
            onDtmf(dtmf);
        } else if (frame instanceof EndFrame) {
            ended = true;
            preemption.end();
            if (active != null) {
                active.cancellation().cancel();
            }
            lane.clear();
            forward(frame, direction);
        } else if (direction == Direction.DOWNSTREAM || frame instanceof ErrorFrame) {
            forward(frame, direction);
        }
        // other upstream reports (bot started speaking) end here: nothing above the agent needs them
    }

    private void greet(long streamStartNanos) {
        String greeting = settings.greeting();
        if (greeting == null || greeting.isBlank()) {
            return;
        }
        sayAndKeep(newReply(Reply.Kind.GREETING, streamStartNanos), greeting);
    }

    /** The caller paused with words the model would answer: start it, holding its answer until the turn ends. */
    private void speculate(SpeculativeTranscriptionFrame t) {
        if (ended || misheard(t.text(), t.confidence()) || settings.escalation().match(t.text()) != null) {
            preemption.discard(); // these words get no model answer; an older draft is stale anyway
        } else {
            preemption.start(t);
        }
    }

    private void onTranscription(TranscriptionFrame t) {
        interruptActive(t.speechEndNanos());
        if (misheard(t.text(), t.confidence())) {
            preemption.discard();
            reask(t.speechEndNanos());
            return;
        }
        misses = 0;
        String phrase = settings.escalation().match(t.text());
        if (phrase != null) {
            log.info("caller used an escalation phrase: transferring without the model");
            preemption.discard();
            conversation().addUser(t.text());
            escalate("the caller asked for a person (\"" + phrase + "\")", t.speechEndNanos());
            return;
        }
        Preemption.Speculation speculation = preemption.take(t); // before the turn changes the history
        conversation().addUser(t.text());
        Reply reply = newReply(Reply.Kind.MODEL, t.speechEndNanos());
        reply.latency().userTurn(t.endOfSpeechMs(), t.transcribedNanos());
        if (speculation != null) {
            adoptModel(reply, speculation);
        } else {
            startModel(reply);
        }
    }

    /** Empty, or below the tenant's confidence threshold (an unknown confidence, NaN, is not low). */
    private boolean misheard(String text, double confidence) {
        return text == null || text.isBlank() || confidence < settings.sttMinConfidence();
    }

    /** Asks again with the tenant's phrases in turn; once they ran out, offers a transfer or a call-back. */
    private void reask(long triggerNanos) {
        misses++;
        List<String> texts = settings.reaskTexts();
        if (misses <= texts.size()) {
            log.info("caller not understood ({} in a row): asking again", misses);
            if (!texts.get(misses - 1).isBlank()) {
                say(newReply(Reply.Kind.MODEL, triggerNanos), texts.get(misses - 1));
            }
        } else if (!settings.reaskOffer().isBlank()) {
            log.info("caller not understood ({} in a row): offering a transfer or a call-back", misses);
            sayAndKeep(newReply(Reply.Kind.MODEL, triggerNanos), settings.reaskOffer());
        }
    }

    private void onDtmf(DtmfFrame dtmf) {
        String digit = dtmf.digit();
        CallEnd ending = settings.keypad().ending(digit);
        if (ending == CallEnd.TRANSFERRED) {
            log.info("caller pressed {}: transfer", digit);
            interruptActive(dtmf.receivedNanos());
            escalate("the caller pressed the transfer key", dtmf.receivedNanos());
            return;
        }
        if (ending != null) {
            log.info("caller pressed {}: {}", digit, ending.id());
            interruptActive(dtmf.receivedNanos());
            push(new HangupFrame(null, ending));
            return;
        }
        if (settings.keypad().isRepeat(digit)) {
            repeat(digit, dtmf.receivedNanos());
            return;
        }
        interruptActive(dtmf.receivedNanos());
        conversation().addUser(settings.dtmfNoteTemplate().replace("{digit}", digit));
        startModel(newReply(Reply.Kind.MODEL, dtmf.receivedNanos()));
    }

    /**
     * Transfer without the model, through the tool (business hours, transfer number, call-back when closed): a
     * transfer ends the call at once; a call-back is said and the conversation goes on.
     */
    private void escalate(String reason, long triggerNanos) {
        long replyId = nextReplyId++;
        String args = "{\"reason\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(reason) + "}";
        ToolCall call = new ToolCall("esc_" + replyId, TRANSFER_TOOL, args);
        lane.then(() -> loop.invoke(replyId, call, toolListener(null)).whenComplete((result, error) ->
                runInOrder(() -> escalated(result, error, triggerNanos))));
    }

    private void escalated(ToolResult result, Throwable error, long triggerNanos) {
        if (ended) {
            return;
        }
        CallDecision decision = result == null ? null : result.decision();
        if (decision instanceof CallDecision.Transfer transfer) {
            push(new HangupFrame(null, CallEnd.TRANSFERRED, transfer.say()));
        } else if (decision instanceof CallDecision.Callback callback && !callback.say().isBlank()) {
            sayAndKeep(newReply(Reply.Kind.MODEL, triggerNanos), callback.say());
        } else {
            // the tool could not decide (no business hours, a failure): the model answers the caller instead
            log.warn("escalation without a decision ({}); the model answers", error != null ? error.toString()
                    : result == null ? "no result" : result.json());
            startModel(newReply(Reply.Kind.MODEL, triggerNanos));
        }
    }

    /**
     * Says the last assistant reply again, without the model. The repeat is not added to the history (the model
     * already has that reply once); the recorder still logs it as a turn. Nothing said yet: nothing to repeat.
     */
    private void repeat(String digit, long receivedNanos) {
        var last = conversation().lastAssistantText();
        if (last.isEmpty()) {
            log.info("caller pressed {}: repeat, but nothing was said yet", digit);
            return;
        }
        log.info("caller pressed {}: repeat the last reply", digit);
        interruptActive(receivedNanos);
        say(newReply(Reply.Kind.REPEAT, receivedNanos), last.get());
    }

    /** A reply whose whole text is known, said without the model and kept in the history. */
    private void sayAndKeep(Reply reply, String text) {
        conversation().beginReply(reply.id());
        conversation().completeReply(reply.id(), text, List.of());
        say(reply, text);
    }

    /** A reply whose whole text is known (greeting, repeat, re-ask): no model. */
    private void say(Reply reply, String text) {
        reply.appendText(text);
        push(new ReplyStartFrame(reply));
        push(new LlmTextFrame(reply, text));
        push(new ReplyEndFrame(reply));
    }

    /** Barge-in: the reply under way (generating or playing) is cut; its work stops, the output clears. */
    private void interruptActive(long onsetNanos) {
        if (active != null && active.interrupt()) {
            log.debug("barge-in on reply {}", active.id());
            push(new InterruptionFrame(active, onsetNanos));
        }
    }

    /**
     * A false interruption (see {@code InterruptionProcessor}): the cut reply's unheard sentences are said again,
     * without the model, unless the call moved on meanwhile. The history holds the whole reply again.
     */
    private void resume(Reply cut, long nowNanos) {
        String rest = cut.unheardText();
        if (cut != active || ended || rest.isBlank()) {
            return;
        }
        active = cut.resumedAs(nextReplyId++, nowNanos);
        conversation().replySpoken(active.historyId(), active.historyText(rest));
        log.info("false interruption: reply {} resumes as {}", cut.id(), active.id());
        say(active, rest);
    }

    private Reply newReply(Reply.Kind kind, long triggerNanos) {
        active = new Reply(nextReplyId++, kind, triggerNanos);
        return active;
    }

    private void startModel(Reply reply) {
        conversation().beginReply(reply.id());
        push(new ReplyStartFrame(reply));
        lane.then(() -> runModel(reply));
    }

    /**
     * The model already answered this turn at the caller's pause: what it said so far goes downstream at once, the
     * rest as it streams; its tool calls run now that the turn is confirmed. The turn's model-first-token stage is
     * the wait from the transcript to this moment (about 0 when text was held); the LLM_FIRST_TOKEN metric stays
     * the model's own time to its first text.
     */
    private void adoptModel(Reply reply, Preemption.Speculation speculation) {
        conversation().beginReply(reply.id());
        push(new ReplyStartFrame(reply));
        var listener = toolListener(reply, speculation.startedNanos(), speculation::firstTextNanos);
        CompletableFuture<?> answer = loop.answerFrom(reply.id(), speculation.draft(), listener,
                reply.cancellation()).whenComplete((outcome, error) ->
                context().withLogContext(() -> finish(reply, outcome, error)).run());
        lane.then(() -> answer);
    }

    /** Starts the answer; tool rounds follow in the loop. Completes when the reply's text is done. */
    private CompletableFuture<?> runModel(Reply reply) {
        if (ended || reply.isCancelled()) {
            return null;
        }
        return loop.answer(reply.id(), toolListener(reply), reply.cancellation()).whenComplete((outcome, error) ->
                context().withLogContext(() -> finish(reply, outcome, error)).run());
    }

    private void finish(Reply reply, AgentLoop.Outcome outcome, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            log.warn("language model failed on reply {}: {}", reply.id(), cause.toString());
            report(new ErrorFrame(name(), "language model failed: " + cause.getMessage(), cause));
            if (!reply.isCancelled() && !ended) {
                // the caller must hear something: the configured apology, after any partial text already streamed
                String apology = settings.engineErrorMessage();
                String said = reply.text();
                conversation().completeReply(reply.id(), (said + " " + apology).strip(), List.of());
                streamed(reply, (said.isEmpty() ? "" : " ") + apology);
            }
        }
        if (reply.isCancelled() || ended) {
            return; // the interruption already told the output; it reports what was heard
        }
        CallDecision decision = outcome == null ? null : outcome.decision();
        String say = "";
        if (decision instanceof CallDecision.EndCall end && reply.text().isBlank() && !end.say().isBlank()) {
            streamed(reply, end.say()); // the model hung up without a word: the tenant's goodbye
        } else if (decision instanceof CallDecision.Transfer transfer && reply.text().isBlank()) {
            say = transfer.say(); // said by Twilio before it dials
        }
        push(new ReplyEndFrame(reply));
        CallEnd ending = endingOf(decision);
        if (ending != null) {
            log.info("model ended the call: {}", ending.id());
            push(new HangupFrame(reply, ending, say));
        }
    }

    private void streamed(Reply reply, String text) {
        reply.appendText(text);
        push(new LlmTextFrame(reply, text));
    }

    /** Streams the loop's text into the reply's frames ({@link ReplyListener}). */
    private AgentLoop.Listener toolListener(Reply reply) {
        return toolListener(reply, context().clock().nanoTime(), () -> -1);
    }

    private AgentLoop.Listener toolListener(Reply reply, long startedNanos, LongSupplier modelFirstText) {
        return new ReplyListener(reply, startedNanos, modelFirstText, () -> context().clock().nanoTime(),
                this::push, this::report, () -> ended, toolTurns);
    }
}
