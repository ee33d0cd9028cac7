package io.moked.agent;

import io.moked.llm.ChatMessage;
import io.moked.llm.ToolCall;

import java.util.ArrayList;
import java.util.List;

/**
 * The chat history of one call. Assistant messages are tied to their reply id: the slot is reserved when the reply
 * starts (so a late, cancelled reply never lands after a newer user message), filled when the model finishes, and
 * cut to what the caller heard when the reply was interrupted. Thread-safe: the agent's thread and the LLM thread
 * both use it.
 */
public final class Conversation {
    private final int maxMessages;
    private final List<Entry> entries = new ArrayList<>();
    /** Changes with every write: a speculative reply built on a copy checks that nothing changed since. */
    private long version;

    /**
     * @param maxMessages messages kept besides the system prompt; older turns are forgotten first
     */
    public Conversation(String systemPrompt, int maxMessages) {
        this.maxMessages = maxMessages;
        entries.add(new Entry(-1, ChatMessage.system(systemPrompt)));
    }

    private Conversation(int maxMessages, List<Entry> entries) {
        this.maxMessages = maxMessages;
        this.entries.addAll(entries);
    }

    /** An independent copy (a speculative reply's history: the caller's turn is not confirmed yet). */
    public synchronized Conversation copy() {
        return new Conversation(maxMessages, entries);
    }

    /** Increases with every change; equal versions of this history mean equal contents. */
    public synchronized long version() {
        return version;
    }

    public synchronized void addUser(String text) {
        version++;
        entries.add(new Entry(-1, ChatMessage.user(text)));
        trim();
    }

    /** Reserves the assistant message of a reply. */
    public synchronized void beginReply(long replyId) {
        version++;
        entries.add(new Entry(replyId, ChatMessage.assistant("")));
        trim();
    }

    /**
     * The reply goes on after its tool results (another model round): a new assistant message of the same reply,
     * after those results; {@link #completeReply} fills the newest one.
     */
    public synchronized void continueReply(long replyId) {
        version++;
        entries.add(new Entry(replyId, ChatMessage.assistant("")));
        trim();
    }

    /** What the model produced for the reply's newest round (text and tool calls). */
    public synchronized void completeReply(long replyId, String text, List<ToolCall> toolCalls) {
        version++;
        int i = indexOf(replyId);
        if (i >= 0) {
            entries.set(i, new Entry(replyId, ChatMessage.assistant(text == null ? "" : text, toolCalls)));
        }
    }

    /**
     * The reply was interrupted: keep only the words the caller heard (tool calls stay: they happened). A reply of
     * several rounds has several assistant messages; the heard text is shared out over them in order.
     */
    public synchronized void replySpoken(long replyId, String spokenText) {
        version++;
        String rest = spokenText == null ? "" : spokenText;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.replyId() != replyId || e.message().role() != ChatMessage.Role.ASSISTANT) {
                continue;
            }
            ChatMessage old = e.message();
            int had = old.content() == null ? 0 : old.content().length();
            boolean lastOfReply = indexOf(replyId) == i;
            int keep = lastOfReply ? rest.length() : Math.min(had, rest.length());
            entries.set(i, new Entry(replyId, ChatMessage.assistant(rest.substring(0, keep), old.toolCalls())));
            rest = rest.substring(keep);
        }
    }

    /** A tool's result, placed right after the assistant message that called it. */
    public synchronized void addToolResult(long replyId, String toolCallId, String resultJson) {
        version++;
        int i = indexOf(replyId);
        int at = i < 0 ? entries.size() : i + 1;
        while (at < entries.size() && entries.get(at).message().role() == ChatMessage.Role.TOOL) {
            at++;
        }
        entries.add(at, new Entry(replyId, ChatMessage.toolResult(toolCallId, resultJson)));
    }

    /** The history to send to the model; empty assistant messages (nothing said, no tool call) are left out. */
    public synchronized List<ChatMessage> messages() {
        List<ChatMessage> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            ChatMessage m = e.message();
            boolean empty = m.role() == ChatMessage.Role.ASSISTANT && (m.content() == null || m.content().isBlank())
                    && m.toolCalls().isEmpty();
            if (!empty) {
                out.add(m);
            }
        }
        return out;
    }

    /** The text of the newest assistant message that said something, if any (what a repeat key says again). */
    public synchronized java.util.Optional<String> lastAssistantText() {
        for (int i = entries.size() - 1; i >= 0; i--) {
            ChatMessage m = entries.get(i).message();
            if (m.role() == ChatMessage.Role.ASSISTANT && m.content() != null && !m.content().isBlank()) {
                return java.util.Optional.of(m.content());
            }
        }
        return java.util.Optional.empty();
    }

    private int indexOf(long replyId) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (e.replyId() == replyId && e.message().role() == ChatMessage.Role.ASSISTANT) {
                return i;
            }
        }
        return -1;
    }

    private void trim() {
        while (entries.size() - 1 > maxMessages) {
            entries.remove(1);
            // never start the kept history with orphaned tool results
            while (entries.size() > 1 && entries.get(1).message().role() == ChatMessage.Role.TOOL) {
                entries.remove(1);
            }
        }
    }

    private record Entry(long replyId, ChatMessage message) {
    }
}
