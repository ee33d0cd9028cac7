package io.moked.pipeline;

import io.moked.pipeline.reply.Reply;

/**
 * The agent ends the call once the caller has heard everything queued before this frame: plain hang-up, a
 * transfer to a human or voicemail ({@link CallEnd#next()} says what Twilio does after the stream). The playback
 * holds it until then and passes it out of the pipeline; the call then closes the media stream.
 *
 * @param after the reply that says goodbye (an interruption of it cancels the hang-up), or null (a key press)
 * @param say   for a transfer: what Twilio says before it dials (blank when the assistant already said it)
 */
public record HangupFrame(Reply after, CallEnd ending, String say) implements DataFrame {
    public HangupFrame(Reply after, CallEnd ending) {
        this(after, ending, "");
    }

    @Override
    public Reply reply() {
        return after;
    }
}
