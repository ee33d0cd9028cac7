package io.moked.agent;

import io.moked.engine.Cancellation;
import io.moked.llm.ChatRequest;
import io.moked.llm.LlmEngine;
import io.moked.llm.ToolCall;
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
import io.moked.pipeline.AsyncLane;
import io.moked.pipeline.StartFrame;
import io.moked.pipeline.ToolCallFrame;
import io.moked.pipeline.TranscriptionFrame;
import io.moked.pipeline.UserStartedSpeakingFrame;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The conversation: greets, turns each caller transcription into a streamed model reply, handles the call-control
 * tools and DTMF, and decides barge-in — caller speech onset while a reply is being generated or played interrupts
 * it. Model calls run on the LLM engines' executor (one at a time per call); this processor's thread never blocks.
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
    /** The reply under way (generating or playing), or null. Only touched on this processor's thread. */
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
            onPlayed(played);
        } else if (frame instanceof StartFrame start) {
            forward(frame, direction);
            greet(start.startNanos());
        } else if (frame instanceof UserStartedSpeakingFrame speech) {
            if (active != null && !active.interrupted) {
                interrupt(speech.onsetNanos());
            }
        } else if (frame instanceof TranscriptionFrame transcription) {
            if (active != null && !active.interrupted) {
                interrupt(transcription.speechEndNanos());
            }
            conversation.addUser(transcription.text());
            startModelReply(transcription.speechEndNanos());
        } else if (frame instanceof DtmfFrame dtmf) {
            onDtmf(dtmf);
        } else if (frame instanceof EndFrame) {
            ended = true;
            if (active != null) {
                active.cancel.cancel();
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
        Reply reply = newReply();
        conversation.beginReply(reply.id);
        conversation.completeReply(reply.id, greeting, List.of());
        push(new ReplyStartFrame(reply.id, true, streamStartNanos));
        push(new LlmTextFrame(reply.id, greeting));
        push(new ReplyEndFrame(reply.id));
    }

    private void onDtmf(DtmfFrame dtmf) {
        String digit = dtmf.digit();
        if (settings.transferAvailable() && digit.equals(settings.transferDigit())) {
            log.info("caller pressed {}: transfer to a human", digit);
            if (active != null && !active.interrupted) {
                interrupt(dtmf.receivedNanos());
            }
            push(new HangupFrame(nextReplyId++, HangupFrame.Reason.TRANSFER));
            return;
        }
        if (digit.equals(settings.hangupDigit())) {
            log.info("caller pressed {}: end the call", digit);
            if (active != null && !active.interrupted) {
                interrupt(dtmf.receivedNanos());
            }
            push(new HangupFrame(nextReplyId++, HangupFrame.Reason.END_CALL));
            return;
        }
        if (digit.equals(settings.voicemailDigit())) {
            log.info("caller pressed {}: leave a voicemail", digit);
            if (active != null && !active.interrupted) {
                interrupt(dtmf.receivedNanos());
            }
            push(new HangupFrame(nextReplyId++, HangupFrame.Reason.VOICEMAIL));
            return;
        }
        if (digit.equals(settings.repeatDigit())) {
            repeat(digit, dtmf.receivedNanos());
            return;
        }
        if (active != null && !active.interrupted) {
            interrupt(dtmf.receivedNanos());
        }
        conversation.addUser(settings.dtmfNoteTemplate().replace("{digit}", digit));
        startModelReply(dtmf.receivedNanos());
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
        if (active != null && !active.interrupted) {
            interrupt(receivedNanos);
        }
        Reply reply = newReply();
        push(new ReplyStartFrame(reply.id, false, receivedNanos));
        push(new LlmTextFrame(reply.id, last.get()));
        push(new ReplyEndFrame(reply.id));
    }

    private void onPlayed(ReplyPlayedFrame played) {
        if (played.interrupted()) {
            conversation.replySpoken(played.replyId(), played.spokenText());
        }
        if (active != null && active.id == played.replyId()) {
            active = null;
        }
    }

    private void interrupt(long onsetNanos) {
        Reply reply = active;
        reply.interrupted = true;
        reply.cancel.cancel();
        log.debug("barge-in on reply {}", reply.id);
        push(new InterruptionFrame(reply.id, onsetNanos));
    }

    private Reply newReply() {
        Reply reply = new Reply(nextReplyId++);
        active = reply;
        return reply;
    }

    private void startModelReply(long triggerNanos) {
        Reply reply = newReply();
        conversation.beginReply(reply.id);
        push(new ReplyStartFrame(reply.id, false, triggerNanos));
        lane.then(() -> runModel(reply));
    }

    /** Starts the model for a reply; tool rounds follow asynchronously. Completes when the reply's text is done. */
    private CompletableFuture<?> runModel(Reply reply) {
        if (ended || reply.cancel.isCancelled()) {
            return null;
        }
        return round(reply, 0).whenComplete((hangup, error) ->
                context().withLogContext(() -> finish(reply, hangup, error)).run());
    }

    /** One model call; resolves to the hang-up the model asked for, or null. */
    private CompletableFuture<HangupFrame.Reason> round(Reply reply, int round) {
        return llm.chat(request(), new Stream(reply), reply.cancel).thenCompose(completion -> {
            String text = completion.text() == null ? "" : completion.text();
            if (reply.said.length() == 0 && !text.isEmpty() && !completion.cancelled()) {
                reply.streamed(text); // an engine that answered without streaming
            }
            conversation.completeReply(reply.id, reply.said.toString(), completion.toolCalls());
            if (completion.cancelled() || completion.toolCalls().isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            HangupFrame.Reason hangup = null;
            boolean askAgain = false;
            for (ToolCall call : completion.toolCalls()) {
                AgentTools.Action action = AgentTools.actionOf(call, settings.transferAvailable());
                if (action == AgentTools.Action.TRANSFER) {
                    hangup = HangupFrame.Reason.TRANSFER;
                } else if (action == AgentTools.Action.END_CALL && hangup == null) {
                    hangup = HangupFrame.Reason.END_CALL;
                } else if (action == AgentTools.Action.UNKNOWN) {
                    askAgain = true;
                }
                conversation.addToolResult(reply.id, call.id(),
                        action == AgentTools.Action.UNKNOWN ? TOOL_UNKNOWN : TOOL_OK);
            }
            // the model asked for something we do not have and said nothing: let it answer again
            boolean again = hangup == null && askAgain && reply.said.toString().isBlank()
                    && round + 1 < settings.maxToolRounds() && !reply.cancel.isCancelled();
            return again ? round(reply, round + 1) : CompletableFuture.completedFuture(hangup);
        });
    }

    private void finish(Reply reply, HangupFrame.Reason hangup, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            log.warn("language model failed on reply {}: {}", reply.id, cause.toString());
            report(new ErrorFrame(name(), "language model failed: " + cause.getMessage(), cause));
            if (!reply.cancel.isCancelled() && !ended) {
                // the caller must hear something: the configured apology, after any partial text already streamed
                String apology = settings.engineErrorMessage();
                conversation.completeReply(reply.id, (reply.said + " " + apology).strip(), List.of());
                push(new LlmTextFrame(reply.id, (reply.said.length() > 0 ? " " : "") + apology));
            }
        }
        if (reply.cancel.isCancelled() || ended) {
            return; // the interruption already told the output; it reports what was heard
        }
        push(new ReplyEndFrame(reply.id));
        if (hangup != null) {
            log.info("model ended the call: {}", hangup);
            push(new HangupFrame(reply.id, hangup));
        }
    }

    private ChatRequest request() {
        return new ChatRequest(conversation.messages(), AgentTools.specs(settings.transferAvailable()),
                settings.temperature(), settings.maxTokens(), List.of(), settings.sessionKey());
    }

    /** Streams model output into frames while the reply is wanted. */
    private final class Stream implements LlmEngine.Listener {
        private final Reply reply;
        private final long startedNanos = System.nanoTime();
        private boolean first = true;

        Stream(Reply reply) {
            this.reply = reply;
        }

        @Override
        public void onText(String delta) {
            if (reply.cancel.isCancelled() || ended || delta == null || delta.isEmpty()) {
                return;
            }
            if (first) {
                first = false;
                report(new MetricsFrame(MetricsFrame.Stage.LLM_FIRST_TOKEN, System.nanoTime() - startedNanos));
            }
            reply.streamed(delta);
        }

        @Override
        public void onToolCall(ToolCall call) {
            if (!reply.cancel.isCancelled() && !ended) {
                push(new ToolCallFrame(reply.id, call));
            }
        }
    }

    private final class Reply {
        final long id;
        final Cancellation cancel = new Cancellation();
        /** Text streamed so far over all model rounds (touched by the model's callbacks, one at a time). */
        final StringBuilder said = new StringBuilder();
        volatile boolean interrupted;

        Reply(long id) {
            this.id = id;
        }

        void streamed(String text) {
            said.append(text);
            push(new LlmTextFrame(id, text));
        }
    }
}
