package io.moked.pipeline.reply;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A reply's sentences and where their audio sits on the agent audio timeline (sample positions assigned by the
 * pacing), so a heard position (from echoed marks) tells which words the caller heard. Not thread-safe: the
 * {@link Reply} that owns it guards it.
 */
final class SpokenSentences {
    private final List<Sentence> sentences = new ArrayList<>();
    private boolean audioComplete;
    /** Timeline position just after the last placed sample; -1 while there is no audio. */
    private long audioEnd = -1;
    /** Timeline position just after the last sample the caller heard. */
    private long heardUpTo = -1;

    int add(String text) {
        sentences.add(new Sentence(text));
        return sentences.size() - 1;
    }

    List<String> texts() {
        return sentences.stream().map(s -> s.text).toList();
    }

    void placed(int seq, long start, long end) {
        Sentence s = sentence(seq);
        if (s != null) {
            s.spans.add(new long[]{start, end});
            s.samples += end - start;
        }
        audioEnd = Math.max(audioEnd, end);
    }

    void sentenceComplete(int seq) {
        Sentence s = sentence(seq);
        if (s != null) {
            s.complete = true;
        }
    }

    void audioComplete() {
        audioComplete = true;
    }

    /** @return true when the heard position moved */
    boolean heard(long position) {
        if (audioEnd < 0 || position <= heardUpTo) {
            return false;
        }
        heardUpTo = Math.min(position, audioEnd);
        return true;
    }

    boolean fullyHeard() {
        return audioComplete && (audioEnd < 0 || heardUpTo >= audioEnd);
    }

    String fullText() {
        StringBuilder out = new StringBuilder();
        for (Sentence s : sentences) {
            append(out, s.text);
        }
        return out.toString();
    }

    /** The heard words: sentences heard to the end, plus the heard share of the words of a partly heard one. */
    String heardText() {
        StringBuilder out = new StringBuilder();
        for (Sentence s : sentences) {
            long heard = s.heardSamples(heardUpTo);
            if (heard <= 0) {
                break;
            }
            if (s.complete && heard >= s.samples) {
                append(out, s.text);
                continue;
            }
            String[] words = s.text.split("\\s+");
            // the audio of a sentence still being synthesized is longer than what arrived: count words cautiously
            double share = Math.min(1.0, (double) heard / s.samples) * (s.complete ? 1.0 : 0.5);
            append(out, String.join(" ", Arrays.copyOf(words, (int) Math.floor(words.length * share))));
            break;
        }
        return out.toString();
    }

    /** The text of sentences [from, to), joined as spoken. */
    String text(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(0, from); i < Math.min(to, sentences.size()); i++) {
            append(out, sentences.get(i).text);
        }
        return out.toString();
    }

    int size() {
        return sentences.size();
    }

    int firstUnheard() {
        for (int i = 0; i < sentences.size(); i++) {
            Sentence s = sentences.get(i);
            if (!s.complete || s.samples == 0 || s.heardSamples(heardUpTo) < s.samples) {
                return i;
            }
        }
        return sentences.size();
    }

    private static void append(StringBuilder out, String text) {
        if (text.isBlank()) {
            return;
        }
        if (out.length() > 0) {
            out.append(' ');
        }
        out.append(text);
    }

    private Sentence sentence(int seq) {
        return seq >= 0 && seq < sentences.size() ? sentences.get(seq) : null;
    }

    private static final class Sentence {
        final String text;
        final List<long[]> spans = new ArrayList<>(2);
        long samples;
        boolean complete;

        Sentence(String text) {
            this.text = text;
        }

        long heardSamples(long position) {
            long heard = 0;
            for (long[] span : spans) {
                heard += Math.max(0, Math.min(position, span[1]) - span[0]);
            }
            return heard;
        }
    }
}
