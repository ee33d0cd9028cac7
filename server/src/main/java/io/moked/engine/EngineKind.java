package io.moked.engine;

/** The three kinds of engines; {@link #id()} is the name used in config, metrics tags and /ready. */
public enum EngineKind {
    STT("stt"), LLM("llm"), TTS("tts");

    private final String id;

    EngineKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
