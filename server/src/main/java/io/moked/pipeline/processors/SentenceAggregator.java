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
 */
public final class SentenceAggregator extends FrameProcessor {
    /** Beyond this many characters without a sentence end, cut anyway so speech can start. */
    static final int MAX_SENTENCE_CHARS = 160;

    private final StringBuilder buffer = new StringBuilder();
    /** The reply whose text is being collected, or null. */
    private Reply reply;

    public SentenceAggregator() {
        super("sentence-aggregator");
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
    }

    private void emitCompleteSentences() {
        for (String sentence : takeSentences(buffer)) {
            emit(sentence);
        }
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
            push(new SentenceFrame(reply, reply.addSentence(text, context().clock().nanoTime()), text));
        }
    }
}
