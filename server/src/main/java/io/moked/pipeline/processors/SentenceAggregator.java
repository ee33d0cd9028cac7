package io.moked.pipeline.processors;

import io.moked.pipeline.Direction;
import io.moked.pipeline.Frame;
import io.moked.pipeline.FrameProcessor;
import io.moked.pipeline.InterruptionFrame;
import io.moked.pipeline.LlmTextFrame;
import io.moked.pipeline.ReplyEndFrame;
import io.moked.pipeline.ReplyStartFrame;
import io.moked.pipeline.SentenceFrame;
import io.moked.pipeline.reply.Reply;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects streamed reply text into sentences so TTS can start speaking the first sentence while the model is still
 * writing the rest. A sentence ends at . ! ? … or a newline followed by white space; very long runs without
 * punctuation are cut at the last comma or space.
 * <p>
 * First clause: with {@code firstClauseMinWords} > 0, the first piece of a model reply may be a clause instead of a
 * sentence, so TTS starts sooner: text up to a comma or semicolon followed by white space, once at least that many
 * words precede it. Conservative on purpose (a Hebrew clause split in the wrong place sounds worse than 100 ms of
 * waiting, since each piece is synthesized with its own intonation): only punctuation the model wrote, never a
 * word — the conjunction "ו" is a prefix of the next word and never a boundary — not after a digit ("3, 4 או 5
 * חדרים"), not inside quotes or parentheses, once per reply, then by sentence. Replies whose text is known whole
 * (greeting, repeat, resume) are split by sentence only, as their audio was synthesized ahead under those keys.
 */
public final class SentenceAggregator extends FrameProcessor {
    /** Beyond this many characters without a sentence end, cut anyway so speech can start. */
    static final int MAX_SENTENCE_CHARS = 160;

    private final StringBuilder buffer = new StringBuilder();
    private final int firstClauseMinWords;
    /** The reply whose text is being collected, or null. */
    private Reply reply;
    /** Nothing of the reply was emitted yet and it may start with a clause. */
    private boolean clauseAllowed;

    /** Sentences only. */
    public SentenceAggregator() {
        this(0);
    }

    /** @param firstClauseMinWords words before a comma that let a model reply start with that clause; 0 = off */
    public SentenceAggregator(int firstClauseMinWords) {
        super("sentence-aggregator");
        this.firstClauseMinWords = firstClauseMinWords;
    }

    @Override
    protected void process(Frame frame, Direction direction) {
        if (frame instanceof ReplyStartFrame start) {
            begin(start.reply());
            forward(frame, direction);
        } else if (frame instanceof LlmTextFrame text) {
            if (text.reply() != reply) {
                begin(text.reply());
            }
            buffer.append(text.text());
            emitCompleteSentences();
        } else if (frame instanceof ReplyEndFrame end) {
            if (end.reply() == reply) {
                emit(buffer.toString());
            }
            buffer.setLength(0);
            forward(frame, direction);
        } else if (frame instanceof InterruptionFrame) {
            buffer.setLength(0); // the rest of the interrupted reply's text is never spoken
            forward(frame, direction);
        } else {
            forward(frame, direction);
        }
    }

    private void begin(Reply next) {
        buffer.setLength(0);
        reply = next;
        clauseAllowed = firstClauseMinWords > 0 && next.kind() == Reply.Kind.MODEL;
    }

    private void emitCompleteSentences() {
        if (clauseAllowed) {
            int clause = firstClauseEnd(buffer, firstClauseMinWords);
            int sentence = sentenceEnd(buffer);
            if (clause > 0 && (sentence < 0 || clause < sentence)) {
                emit(buffer.substring(0, clause));
                buffer.delete(0, clause);
            }
        }
        for (String sentence : takeSentences(buffer)) {
            emit(sentence);
        }
    }

    /**
     * Index just after the first comma or semicolon that ends a clause of at least {@code minWords} words and is
     * followed by white space, outside quotes and parentheses and not after a digit; -1 if none.
     */
    public static int firstClauseEnd(CharSequence text, int minWords) {
        int words = 0;
        boolean inWord = false;
        int open = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            char next = text.charAt(i + 1);
            // geresh, gershayim (צה"ל) and hyphens inside a word belong to it
            boolean wordChar = Character.isLetterOrDigit(c)
                    || inWord && (c == '\'' || c == '׳' || c == '-' || (c == '"' || c == '״') && Character.isLetter(next));
            if (wordChar) {
                words += inWord ? 0 : 1;
                inWord = true;
                continue;
            }
            inWord = false;
            if (c == '(' || c == '[') {
                open++;
            } else if ((c == ')' || c == ']') && open > 0) {
                open--;
            } else if (c == '"' || c == '“' || c == '”' || c == '«' || c == '»') {
                quoted = !quoted;
            } else if ((c == ',' || c == ';') && words >= minWords && open == 0 && !quoted
                    && Character.isWhitespace(next) && i > 0 && !Character.isDigit(text.charAt(i - 1))) {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * The sentences a complete text is spoken as (what TTS is asked for, e.g. to synthesize a greeting ahead
     * under the same cache keys).
     */
    public static List<String> sentences(String text) {
        StringBuilder rest = new StringBuilder(text);
        List<String> out = new ArrayList<>(takeSentences(rest));
        if (!rest.toString().isBlank()) {
            out.add(rest.toString().strip());
        }
        out.removeIf(String::isBlank);
        return out.stream().map(String::strip).toList();
    }

    /** Removes and returns the complete sentences at the start of {@code buffer}. */
    private static List<String> takeSentences(StringBuilder buffer) {
        List<String> out = new ArrayList<>();
        int cut;
        while ((cut = sentenceEnd(buffer)) > 0) {
            out.add(buffer.substring(0, cut));
            buffer.delete(0, cut);
        }
        while (buffer.length() > MAX_SENTENCE_CHARS) {
            // cut at the last comma (else space) within the limit
            int comma = buffer.lastIndexOf(",", MAX_SENTENCE_CHARS);
            int at = comma > 0 ? comma : buffer.lastIndexOf(" ", MAX_SENTENCE_CHARS);
            cut = at > 0 ? at + 1 : MAX_SENTENCE_CHARS;
            out.add(buffer.substring(0, cut));
            buffer.delete(0, cut);
        }
        return out;
    }

    /** Index just after the first sentence end that is followed by white space, or -1. */
    private static int sentenceEnd(CharSequence buffer) {
        for (int i = 0; i < buffer.length() - 1; i++) {
            char c = buffer.charAt(i);
            boolean end = c == '.' || c == '!' || c == '?' || c == '…' || c == '\n';
            if (end && Character.isWhitespace(buffer.charAt(i + 1))) {
                return i + 1;
            }
        }
        return -1;
    }

    private void emit(String sentence) {
        String text = sentence.strip();
        if (!text.isEmpty() && reply != null) {
            clauseAllowed = false;
            push(new SentenceFrame(reply, reply.addSentence(text, context().clock().nanoTime()), text));
        }
    }
}
