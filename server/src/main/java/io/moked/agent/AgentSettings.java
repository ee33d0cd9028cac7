package io.moked.agent;

import java.util.List;

/**
 * What one call's agent needs besides its {@link AgentLoop}, resolved at call start from the tenant.
 *
 * @param greeting           the tenant greeting, rendered (returning-caller variant, recording disclosure first);
 *                           blank = no greeting (the caller speaks first)
 * @param language           BCP-47 primary language for STT/TTS, e.g. "he"
 * @param keypad             what the caller's keys do
 * @param dtmfNoteTemplate   how other keys reach the model as a user message; {@code {digit}} is replaced
 * @param engineErrorMessage said to the caller when the language model fails (from config, per deployment)
 * @param escalation         the tenant's phrases that transfer at once, without the model
 * @param sttMinConfidence   transcriptions below this confidence (0–1), or empty ones, are asked again
 * @param reaskTexts         said in turn after each consecutive miss (tenant persona reask-messages)
 * @param reaskOffer         said after the re-asks ran out: the offer of a transfer or a call-back
 */
public record AgentSettings(String greeting, String language, Keypad keypad, String dtmfNoteTemplate,
                            String engineErrorMessage, EscalationPhrases escalation, double sttMinConfidence,
                            List<String> reaskTexts, String reaskOffer) {
    public AgentSettings {
        reaskTexts = List.copyOf(reaskTexts);
    }

    /** No escalation phrases and no re-asking (a bare agent, e.g. in tests of other things). */
    public static AgentSettings plain(String greeting, String language, Keypad keypad, String dtmfNoteTemplate,
                                      String engineErrorMessage) {
        return new AgentSettings(greeting, language, keypad, dtmfNoteTemplate, engineErrorMessage,
                new EscalationPhrases(List.of()), 0, List.of(), "");
    }
}
