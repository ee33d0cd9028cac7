package io.moked.pipeline;

/**
 * Frames that jump the queue of every processor and survive an interruption: call control, caller input (audio,
 * speech events, DTMF, mark echoes), what the output sent and heard, and the upstream playback reports.
 */
public sealed interface SystemFrame extends Frame permits StartFrame, EndFrame, InterruptionFrame, ErrorFrame,
        InputAudioFrame, UserStartedSpeakingFrame, UserStoppedSpeakingFrame, DtmfFrame, MarkEchoFrame,
        AudioSentFrame, AudioHeardFrame, BotStartedSpeakingFrame, ReplyPlayedFrame, MetricsFrame,
        UserSpeechDiscardedFrame, NoWordsFrame, ResumeReplyFrame, TurnEventFrame {
}
