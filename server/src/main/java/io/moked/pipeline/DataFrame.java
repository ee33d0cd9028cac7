package io.moked.pipeline;

import io.moked.pipeline.reply.Reply;

/** Frames that flow in order behind each other; an {@link InterruptionFrame} drops the queued ones. */
public sealed interface DataFrame extends Frame permits SpeechSegmentFrame, SpeechPausedFrame, SpeechResumedFrame, SpeculativeTranscriptionFrame, TranscriptionFrame,
        ReplyStartFrame,
        LlmTextFrame, ToolCallFrame, ReplyEndFrame, SentenceFrame, TtsAudioFrame, TtsStoppedFrame, HangupFrame {

    /** The assistant reply this frame belongs to, or null. */
    default Reply reply() {
        return null;
    }

    /**
     * The one interrupted-reply filter: a frame of a reply that was interrupted (or whose call ended) is stale and
     * is dropped wherever it is, even when it arrives late from an engine thread.
     */
    default boolean stale() {
        Reply reply = reply();
        return reply != null && reply.isCancelled();
    }
}
