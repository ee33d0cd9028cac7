package io.moked.pipeline;

/** Observer-only: how long one stage took. */
public record MetricsFrame(Stage stage, long nanos) implements SystemFrame {
    public enum Stage {
        /**
         * Caller frame received on the media socket → analysed by the VAD: how far the inbound path runs behind
         * real time (the worst frame of each {@code INBOUND_LAG_WINDOW_FRAMES} window, not every frame).
         */
        INBOUND_LAG,
        /** End of caller speech decided by the VAD → transcription available. */
        VAD_END_TO_STT,
        /** Time inside the STT engine. */
        STT,
        /** LLM request sent → first token. */
        LLM_FIRST_TOKEN,
        /** Sentence sent to TTS → first audio chunk. */
        TTS_FIRST_AUDIO,
        /** End of caller speech → first agent audio sent. */
        TURN_LATENCY,
        /** Stream start → first greeting audio sent. */
        GREETING_FIRST_AUDIO,
        /** Barge-in onset → Twilio clear sent. */
        BARGE_IN_TO_CLEAR
    }
}
