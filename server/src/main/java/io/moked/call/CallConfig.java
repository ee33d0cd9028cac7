package io.moked.call;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.Map;

/**
 * Call handling settings, {@code moked.call.*} (documented with defaults in application.yml).
 *
 * @param maxConcurrentCalls    calls the appliance takes at once over all tenants
 * @param streamStartTimeoutMs  how long an admitted call may wait for its media stream before its slot is freed
 * @param language              BCP-47 primary language of callers (STT/TTS), e.g. "he"
 * @param sayLanguage           Twilio {@code <Say>} language for the fixed messages, e.g. "he-IL"
 * @param unknownNumberMessage  said when a call reaches a number no tenant owns (there is no tenant to ask)
 * @param chunkMs               agent audio chunk length, 20..60 ms, a mark after each
 * @param leadMs                how far agent audio may run ahead of real time at the far end
 * @param markTimeoutMs         after this long past its play-out, an unanswered mark counts as heard
 * @param voicemailMaxSeconds   longest voicemail recorded in degraded mode
 * @param temperature           language model sampling temperature
 * @param maxTokens             longest model reply, in tokens
 * @param maxHistoryMessages    messages of conversation kept besides the system prompt
 * @param maxToolRounds         model calls per reply when tools are called
 * @param dtmfNoteTemplate      how a key press reaches the model as a user message; {digit} is replaced
 * @param pipelineThreads       threads running the processors of all calls (VAD inference included); 0 = cores
 * @param pacerThreads          threads timing outbound audio of all calls
 * @param persistenceThreads    threads writing turns and recordings of all calls
 * @param toolThreads           threads running the assistant's tools (database work) of all calls and chats
 * @param recordingsDir         where recordings go; empty = {@code <data-dir>/recordings}
 * @param fallbackMessages      phrases (busy, voicemail-prompt, apology) for a tenant that has none configured
 */
@ConfigurationProperties("moked.call")
public record CallConfig(@Bindable(defaultValue = "50") int maxConcurrentCalls,
                         @Bindable(defaultValue = "30000") long streamStartTimeoutMs,
                         @Bindable(defaultValue = "he") String language,
                         @Bindable(defaultValue = "he-IL") String sayLanguage,
                         String unknownNumberMessage,
                         @Bindable(defaultValue = "20") int chunkMs,
                         @Bindable(defaultValue = "60") int leadMs,
                         @Bindable(defaultValue = "3000") long markTimeoutMs,
                         @Bindable(defaultValue = "120") int voicemailMaxSeconds,
                         @Bindable(defaultValue = "0.4") double temperature,
                         @Bindable(defaultValue = "300") int maxTokens,
                         @Bindable(defaultValue = "40") int maxHistoryMessages,
                         @Bindable(defaultValue = "3") int maxToolRounds,
                         String dtmfNoteTemplate,
                         @Bindable(defaultValue = "0") int pipelineThreads,
                         @Bindable(defaultValue = "2") int pacerThreads,
                         @Bindable(defaultValue = "4") int persistenceThreads,
                         @Bindable(defaultValue = "4") int toolThreads,
                         @Bindable(defaultValue = "") String recordingsDir,
                         Map<String, String> fallbackMessages) {
}
