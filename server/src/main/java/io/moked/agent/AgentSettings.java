package io.moked.agent;

/**
 * What one call's agent needs, resolved at call start from the tenant and its active voice prompt.
 *
 * @param systemPrompt       the tenant's active voice prompt, rendered
 * @param greeting           the tenant greeting, rendered; blank = no greeting (the caller speaks first)
 * @param language           BCP-47 primary language for STT/TTS, e.g. "he"
 * @param transferAvailable  the tenant has a transfer number
 * @param transferDigit      DTMF key that transfers to a human at once; null = none
 * @param hangupDigit        DTMF key that ends the call; null = none
 * @param voicemailDigit     DTMF key that ends the stream for a recorded voicemail; null = none
 * @param repeatDigit        DTMF key that says the last assistant reply again; null = none
 * @param dtmfNoteTemplate   how other keys reach the model as a user message; {@code {digit}} is replaced
 * @param engineErrorMessage said to the caller when the language model fails (from config, per deployment)
 * @param sessionKey         the call SID (lets a local LLM reuse its cache across turns)
 */
public record AgentSettings(String systemPrompt, String greeting, String language, double temperature,
                            int maxTokens, int maxHistoryMessages, int maxToolRounds, boolean transferAvailable,
                            String transferDigit, String hangupDigit, String voicemailDigit,
                            String repeatDigit, String dtmfNoteTemplate, String engineErrorMessage,
                            String sessionKey) {
}
