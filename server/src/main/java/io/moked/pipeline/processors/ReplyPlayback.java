package io.moked.pipeline.processors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Book-keeping of one reply at the output: its sentences and where their audio sits on the agent audio timeline
 * (sample positions assigned by the pacer), so the heard position from echoed marks tells which words the caller
 * heard and an interrupted reply can be cut to them.
 */
final class ReplyPlayback {
    final long replyId;
    final boolean greeting;
    final long triggerNanos;
    private final List<Sentence> sentences = new ArrayList<>();
    boolean textComplete;
    boolean finished;
    long firstAudioNanos = -1;
    long startOffsetMs = -1;
    long heardEndOffsetMs = -1;
    /** Timeline position just after this reply's last enqueued sample; -1 while it has no audio. */
    long audioEnd = -1;
    /** Timeline position just after the last sample of this reply the caller heard. */
    long heardUpTo = -1;

    ReplyPlayback(long replyId, boolean greeting, long triggerNanos) {
        this.replyId = replyId;
        this.greeting = greeting;
        this.triggerNanos = triggerNanos;
    }

    void sentenceStarted(int seq, String text) {
        sentences.add(new Sentence(seq, text));
    }

    /** Audio of sentence {@code seq} was placed on the timeline at [start, end). */
    void sentenceAudio(int seq, long start, long end) {
        Sentence s = sentence(seq);
        if (s != null) {
            s.spans.add(new long[]{start, end});
            s.samples += end - start;
        }
        audioEnd = Math.max(audioEnd, end);
    }

    void sentenceDone(int seq) {
        Sentence s = sentence(seq);
        if (s != null) {
            s.complete = true;
        }
    }

    /** The caller heard the timeline up to {@code position}. */
    void heard(long position, long endOffsetMs) {
        if (audioEnd >= 0 && position > heardUpTo) {
            heardUpTo = Math.min(position, audioEnd);
            heardEndOffsetMs = endOffsetMs;
        }
    }

    /** Everything this reply will say has been heard. */
    boolean fullyHeard() {
        return textComplete && (audioEnd < 0 || heardUpTo >= audioEnd);
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
        for (int i = sentences.size() - 1; i >= 0; i--) {
            if (sentences.get(i).seq == seq) {
                return sentences.get(i);
            }
        }
        return null;
    }

    private static final class Sentence {
        final int seq;
        final String text;
        final List<long[]> spans = new ArrayList<>();
        long samples;
        boolean complete;

        Sentence(int seq, String text) {
            this.seq = seq;
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
