package io.moked.pipeline;

/** Frames that flow in order behind each other; an {@link InterruptionFrame} drops the queued ones. */
public sealed interface DataFrame extends Frame permits SpeechSegmentFrame, TranscriptionFrame, ReplyStartFrame,
        LlmTextFrame, ToolCallFrame, ReplyEndFrame, SentenceFrame, TtsStartedFrame, TtsAudioFrame, TtsStoppedFrame,
        HangupFrame {

    /**
     * The agent reply this frame belongs to, or {@link #NO_REPLY}. Processors downstream of the agent drop frames of
     * a reply that was interrupted even when they arrive late from an engine thread.
     */
    default long replyId() {
        return NO_REPLY;
    }

    long NO_REPLY = -1;
}
