package io.moked.agent;

import io.moked.engine.Cancellation;
import io.moked.llm.ChatRequest;
import io.moked.llm.LlmEngine;
import io.moked.llm.ToolCall;
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
import io.moked.pipeline.MetricsFrame;
import io.moked.pipeline.ReplyEndFrame;
import io.moked.pipeline.ReplyPlayedFrame;
import io.moked.pipeline.ReplyStartFrame;
import io.moked.pipeline.ResumeReplyFrame;
import io.moked.pipeline.AsyncLane;
import io.moked.pipeline.StartFrame;
import io.moked.pipeline.ToolCallFrame;
import io.moked.pipeline.TranscriptionFrame;
import io.moked.pipeline.UserStartedSpeakingFrame;
import io.moked.pipeline.reply.Reply;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The conversation: greets, turns each caller transcription into a streamed model reply, handles the call-control
 * tools and DTMF, and decides barge-in — caller speech onset while a reply is being generated or played interrupts
 * it. Each reply is one {@link Reply} object shared with the processors after this one. Model calls run on the LLM
 * engines' executor (one at a time per call); this processor's thread never blocks.
 */
public final class AgentProcessor extends FrameProcessor {
    /** Asynchronous streaming chat; in the appliance {@code LlmRouter::chat}. */
    @FunctionalInterface
    public interface Model {
        CompletableFuture<LlmEngine.Completion> chat(ChatRequest request, LlmEngine.Listener listener,
                                                     Cancellation cancel);
    }

    private static final String TOOL_OK = "{\"ok\":true}";
    private static final String TOOL_UNKNOWN = "{\"ok\":false,\"error\":\"unknown tool\"}";

    private final Model llm;
    private final AsyncLane lane = new AsyncLane();
    private final AgentSettings settings;
    private final Conversation conversation;
    private long nextReplyId;
    /** The newest reply (generating, playing or done), or null. Only touched on this processor's thread. */
    private Reply active;
    private volatile boolean ended;

    public AgentProcessor(Model llm, AgentSettings settings) {
        super("agent");
        this.llm = llm;
        this.settings = settings;
        this.conversation = new Conversation(settings.systemPrompt(), settings.maxHistoryMessages());
    }

    /** The history so far (for tests and diagnostics). */
    public Conversation conversation() {
        return conversation;
    }

    @Override
    protected void process(Frame frame, Direction direction) {
        if (frame instanceof ReplyPlayedFrame played) {
            if (played.interrupted()) {
                Reply reply = played.reply();
                conversation.replySpoken(reply.historyId(), reply.historyText(played.spokenText()));
            }
            forward(frame, direction); // the interruption processor above decides whether a cut reply resumes
        } else if (frame instanceof ResumeReplyFrame resume) {
            resume(resume.reply(), resume.nowNanos());
        } else if (frame instanceof StartFrame start) {
            forward(frame, direction);
            greet(start.startNanos());
        } else if (frame instanceof UserStartedSpeakingFrame speech) {
            interruptActive(speech.onsetNanos());
        } else if (frame instanceof TranscriptionFrame transcription) {
            interruptActive(transcription.speechEndNanos());
            conversation.addUser(transcription.text());
            Reply reply = newReply(Reply.Kind.MODEL, transcription.speechEndNanos());
            reply.latency().userTurn(transcription.endOfSpeechMs(), transcription.transcribedNanos());
            startModel(reply);
        } else if (frame instanceof DtmfFrame dtmf) {
            onDtmf(dtmf);
        } else if (frame instanceof EndFrame) {
            ended = true;
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
        Reply reply = newReply(Reply.Kind.GREETING, streamStartNanos);
        conversation.beginReply(reply.id());
        conversation.completeReply(reply.id(), greeting, List.of());
        say(reply, greeting);
    }

    /** A reply whose whole text is known (greeting, repeat): no model. */
    private void say(Reply reply, String text) {
        reply.appendText(text);
        push(new ReplyStartFrame(reply));
        push(new LlmTextFrame(reply, text));
        push(new ReplyEndFrame(reply));
    }

    private void onDtmf(DtmfFrame dtmf) {
        String digit = dtmf.digit();
        CallEnd ending = settings.keypad().ending(digit);
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
        conversation.addUser(settings.dtmfNoteTemplate().replace("{digit}", digit));
        startModel(newReply(Reply.Kind.MODEL, dtmf.receivedNanos()));
    }

    /**
     * Says the last assistant reply again, without the model. The repeat is not added to the history (the model
     * already has that reply once); the recorder still logs it as a turn. Nothing said yet: nothing to repeat.
     */
    private void repeat(String digit, long receivedNanos) {
        var last = conversation.lastAssistantText();
        if (last.isEmpty()) {
            log.info("caller pressed {}: repeat, but nothing was said yet", digit);
            return;
        }
        log.info("caller pressed {}: repeat the last reply", digit);
        interruptActive(receivedNanos);
        say(newReply(Reply.Kind.REPEAT, receivedNanos), last.get());
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
        conversation.replySpoken(active.historyId(), active.historyText(rest));
        log.info("false interruption: reply {} resumes as {}", cut.id(), active.id());
        say(active, rest);
    }

    private Reply newReply(Reply.Kind kind, long triggerNanos) {
        active = new Reply(nextReplyId++, kind, triggerNanos);
        return active;
    }

    private void startModel(Reply reply) {
        conversation.beginReply(reply.id());
        push(new ReplyStartFrame(reply));
        lane.then(() -> runModel(reply));
    }

    /** Starts the model for a reply; tool rounds follow asynchronously. Completes when the reply's text is done. */
    private CompletableFuture<?> runModel(Reply reply) {
        if (ended || reply.isCancelled()) {
            return null;
        }
        return round(reply, 0).whenComplete((hangup, error) ->
                context().withLogContext(() -> finish(reply, hangup, error)).run());
    }

    /** One model call; resolves to how the model asked to end the call, or null. */
    private CompletableFuture<CallEnd> round(Reply reply, int round) {
        return llm.chat(request(), new Stream(reply), reply.cancellation()).thenCompose(completion -> {
            String text = completion.text() == null ? "" : completion.text();
            if (reply.text().isEmpty() && !text.isEmpty() && !completion.cancelled()) {
                streamed(reply, text); // an engine that answered without streaming
            }
            conversation.completeReply(reply.id(), reply.text(), completion.toolCalls());
            if (completion.cancelled() || completion.toolCalls().isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            CallEnd hangup = null;
            boolean askAgain = false;
            for (ToolCall call : completion.toolCalls()) {
                Optional<CallEnd> ending = AgentTools.endingOf(call, settings.transferAvailable());
                if (ending.isEmpty()) {
                    askAgain = true;
                } else if (hangup == null || ending.get() == CallEnd.TRANSFERRED) {
                    hangup = ending.get(); // a transfer wins over a plain hang-up
                }
                conversation.addToolResult(reply.id(), call.id(), ending.isEmpty() ? TOOL_UNKNOWN : TOOL_OK);
            }
            // the model asked for something we do not have and said nothing: let it answer again
            boolean again = hangup == null && askAgain && reply.text().isBlank()
                    && round + 1 < settings.maxToolRounds() && !reply.isCancelled();
            return again ? round(reply, round + 1) : CompletableFuture.completedFuture(hangup);
        });
    }

    private void finish(Reply reply, CallEnd hangup, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            log.warn("language model failed on reply {}: {}", reply.id(), cause.toString());
            report(new ErrorFrame(name(), "language model failed: " + cause.getMessage(), cause));
            if (!reply.isCancelled() && !ended) {
                // the caller must hear something: the configured apology, after any partial text already streamed
                String apology = settings.engineErrorMessage();
                String said = reply.text();
                conversation.completeReply(reply.id(), (said + " " + apology).strip(), List.of());
                streamed(reply, (said.isEmpty() ? "" : " ") + apology);
            }
        }
        if (reply.isCancelled() || ended) {
            return; // the interruption already told the output; it reports what was heard
        }
        push(new ReplyEndFrame(reply));
        if (hangup != null) {
            log.info("model ended the call: {}", hangup.id());
            push(new HangupFrame(reply, hangup));
        }
    }

    private void streamed(Reply reply, String text) {
        reply.appendText(text);
        push(new LlmTextFrame(reply, text));
    }

    private ChatRequest request() {
        return new ChatRequest(conversation.messages(), AgentTools.specs(settings.transferAvailable()),
                settings.temperature(), settings.maxTokens(), List.of(), settings.sessionKey());
    }

    /** Streams model output into frames while the reply is wanted (the model's callbacks come one at a time). */
    private final class Stream implements LlmEngine.Listener {
        private final Reply reply;
        private final long startedNanos = context().clock().nanoTime();
        private boolean first = true;

        Stream(Reply reply) {
            this.reply = reply;
        }

        @Override
        public void onText(String delta) {
            if (reply.isCancelled() || ended || delta == null || delta.isEmpty()) {
                return;
            }
            if (first) {
                first = false;
                long now = context().clock().nanoTime();
                reply.latency().firstToken(now);
                report(new MetricsFrame(MetricsFrame.Stage.LLM_FIRST_TOKEN, now - startedNanos));
            }
            streamed(reply, delta);
        }

        @Override
        public void onToolCall(ToolCall call) {
            if (!reply.isCancelled() && !ended) {
                push(new ToolCallFrame(reply, call));
            }
        }
    }
}
