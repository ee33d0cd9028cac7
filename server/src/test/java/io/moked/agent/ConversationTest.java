package io.moked.agent;

import io.moked.llm.ChatMessage;
import io.moked.llm.ToolCall;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConversationTest {
    @Test
    void aCopyTakesASpeculativeTurnWithoutTheRealHistoryAndEveryWriteChangesTheVersion() {
        Conversation c = new Conversation("system", 40);
        c.addUser("hello");
        long v = c.version();
        Conversation copy = c.copy();
        copy.addUser("maybe more");
        assertEquals(List.of("system", "hello"), c.messages().stream().map(ChatMessage::content).toList());
        assertEquals(List.of("system", "hello", "maybe more"),
                copy.messages().stream().map(ChatMessage::content).toList());
        assertEquals(v, c.version(), "writing the copy leaves the original's version");
        c.beginReply(1);
        long afterBegin = c.version();
        c.replySpoken(1, "");
        assertEquals(List.of(v + 1, afterBegin + 1), List.of(afterBegin, c.version()));
    }

    @Test
    void aLateReplyKeepsItsPlaceAndIsCutToWhatWasHeard() {
        Conversation c = new Conversation("system", 40);
        c.addUser("first question");
        c.beginReply(1);
        c.addUser("second question"); // the caller barged in before reply 1 finished
        c.beginReply(2);
        c.completeReply(1, "a long answer that was interrupted", List.of());
        c.replySpoken(1, "a long answer");
        c.completeReply(2, "second answer", List.of());

        List<ChatMessage> m = c.messages();
        assertEquals(List.of("system", "first question", "a long answer", "second question", "second answer"),
                m.stream().map(ChatMessage::content).toList());
    }

    @Test
    void emptyRepliesAreLeftOutAndToolResultsFollowTheirCall() {
        Conversation c = new Conversation("system", 40);
        c.addUser("hello");
        c.beginReply(1); // interrupted before any word: never heard
        c.replySpoken(1, "");
        c.addUser("transfer me");
        c.beginReply(2);
        c.completeReply(2, "one moment", List.of(new ToolCall("c1", "transfer_to_human", "{}")));
        c.addToolResult(2, "c1", "{\"ok\":true}");
        List<ChatMessage> m = c.messages();
        assertEquals(List.of(ChatMessage.Role.SYSTEM, ChatMessage.Role.USER, ChatMessage.Role.USER,
                ChatMessage.Role.ASSISTANT, ChatMessage.Role.TOOL), m.stream().map(ChatMessage::role).toList());
        assertEquals("c1", m.get(4).toolCallId());
    }

    @Test
    void oldTurnsAreForgottenFirstButTheSystemPromptStays() {
        Conversation c = new Conversation("system", 3);
        for (int i = 0; i < 5; i++) {
            c.addUser("u" + i);
        }
        assertEquals(List.of("system", "u2", "u3", "u4"), c.messages().stream().map(ChatMessage::content).toList());
    }

    @Test
    void aReplyOfSeveralToolRoundsKeepsEachRoundAndAnInterruptionSharesTheHeardTextOutInOrder() {
        Conversation c = new Conversation("system", 40);
        c.addUser("book me tomorrow at ten");
        c.beginReply(1);
        c.completeReply(1, "one moment. ", List.of(new ToolCall("b1", "book_meeting", "{}")));
        c.addToolResult(1, "b1", "{\"booked\":true}");
        c.continueReply(1);
        c.completeReply(1, "Booked for ten. See you then.", List.of());
        assertEquals(List.of("system", "book me tomorrow at ten", "one moment. ", "{\"booked\":true}",
                "Booked for ten. See you then."), c.messages().stream().map(ChatMessage::content).toList());

        c.replySpoken(1, "one moment. Booked for ten.");
        List<ChatMessage> m = c.messages();
        assertEquals("one moment. ", m.get(2).content());
        assertEquals("b1", m.get(2).toolCalls().get(0).id(), "the tool call happened");
        assertEquals("Booked for ten.", m.get(4).content());
    }
}
