package io.moked.agent.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** What a suite run found; {@link #passed()} when every expectation held. */
public record EvalResult(String suite, String tenant, String channel, int promptVersion,
                         List<ConversationResult> conversations) {

    @JsonProperty("passed")
    public boolean passed() {
        return conversations.stream().allMatch(ConversationResult::passed);
    }

    public long failedConversations() {
        return conversations.stream().filter(c -> !c.passed()).count();
    }

    /**
     * @param turnsRun   caller turns sent (fewer than scripted when the assistant ended the conversation)
     * @param failures   one line per failed expectation ("turn 2: reply does not contain 'מחר'")
     * @param transcript the conversation as it went, for the report
     */
    public record ConversationResult(String name, int turnsRun, int expectations, List<String> failures,
                                     List<String> transcript, double seconds) {
        @JsonProperty("passed")
        public boolean passed() {
            return failures.isEmpty();
        }
    }
}
