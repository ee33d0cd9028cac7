package io.moked.agent;

/**
 * What one call's agent needs, resolved at call start from the tenant and its active voice prompt.
 *
 * @param systemPrompt       the tenant's active voice prompt, rendered
 * @param greeting           the tenant greeting, rendered; blank = no greeting (the caller speaks first)
 * @param language           BCP-47 primary language for STT/TTS, e.g. "he"
 * @param transferAvailable  the tenant has a transfer number
 * @param keypad             what the caller's keys do
 * @param dtmfNoteTemplate   how other keys reach the model as a user message; {@code {digit}} is replaced
 * @param engineErrorMessage said to the caller when the language model fails (from config, per deployment)
 * @param sessionKey         the call SID (lets a local LLM reuse its cache across turns)
 */
public record AgentSettings(String systemPrompt, String greeting, String language, double temperature,
                            int maxTokens, int maxHistoryMessages, int maxToolRounds, boolean transferAvailable,
                            Keypad keypad, String dtmfNoteTemplate, String engineErrorMessage, String sessionKey) {
}
