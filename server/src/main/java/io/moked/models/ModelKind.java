package io.moked.models;

import java.util.Locale;

/** What a model file is for; the manifest spells these in lower case. */
public enum ModelKind {
    VAD, STT, LLM, TTS, G2P;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ModelKind parse(String value) {
        for (ModelKind kind : values()) {
            if (kind.id().equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown kind '" + value + "' (expected vad, stt, llm, tts or g2p)");
    }
}
