package io.moked.pipeline;

/**
 * The agent ends the call once everything queued before this frame has been heard: plain hang-up, or a transfer
 * to a human (the stream ends and Twilio continues with the {@code <Connect action>} URL, which dials the tenant's
 * transfer number), or to voicemail (the stream ends and the {@code <Connect action>} answers the tenant's
 * voicemail prompt and a {@code <Record>}).
 */
public record HangupFrame(long replyId, Reason reason) implements DataFrame {
    public enum Reason { END_CALL, TRANSFER, VOICEMAIL }
}
