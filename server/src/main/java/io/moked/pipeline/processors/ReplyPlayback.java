package io.moked.pipeline.processors;

import java.util.ArrayList;
import java.util.List;

/**
 * Book-keeping of one reply at the output: its sentences, how much of each was received and sent, and how much the
 * caller has heard (from mark echoes), so an interrupted reply can be cut to the words actually heard.
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
    int queuedChunks;
    int unheardMarks;

    ReplyPlayback(long replyId, boolean greeting, long triggerNanos) {
        this.replyId = replyId;
        this.greeting = greeting;
        this.triggerNanos = triggerNanos;
    }

    void sentenceStarted(int seq, String text) {
        sentences.add(new Sentence(seq, text));
    }

    void sentenceAudio(int seq, int samples) {
        Sentence s = sentence(seq);
        if (s != null) {
            s.receivedSamples += samples;
        }
    }

    void sentenceDone(int seq) {
        Sentence s = sentence(seq);
        if (s != null) {
            s.complete = true;
        }
    }

    /** The caller heard sentence {@code seq} up to {@code samples} samples of it (and everything before it). */
    void heard(int seq, int samples, long endOffsetMs) {
        for (Sentence s : sentences) {
            if (s.seq < seq) {
                s.heardSamples = s.receivedSamples;
            } else if (s.seq == seq) {
                s.heardSamples = Math.max(s.heardSamples, samples);
            }
        }
        heardEndOffsetMs = endOffsetMs;
    }

    /** Everything this reply will say has been sent and heard. */
    boolean fullyHeard() {
        return textComplete && queuedChunks == 0 && unheardMarks == 0;
    }

    String fullText() {
        StringBuilder out = new StringBuilder();
        for (Sentence s : sentences) {
            append(out, s.text);
        }
        return out.toString();
    }

    /** The heard words: whole sentences heard to the end, plus the heard share of the words of a partial one. */
    String heardText() {
        StringBuilder out = new StringBuilder();
        for (Sentence s : sentences) {
            if (s.heardSamples <= 0) {
                break;
            }
            boolean whole = s.complete && s.heardSamples >= s.receivedSamples;
            if (whole) {
                append(out, s.text);
                continue;
            }
            String[] words = s.text.split("\\s+");
            double share = s.receivedSamples == 0 ? 0 : (double) s.heardSamples / s.receivedSamples;
            // an incomplete sentence's received audio understates its length: scale by words in proportion
            int count = (int) Math.floor(words.length * Math.min(1.0, share) * (s.complete ? 1.0 : 0.5));
            append(out, String.join(" ", java.util.Arrays.copyOf(words, count)));
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
        int receivedSamples;
        int heardSamples;
        boolean complete;

        Sentence(int seq, String text) {
            this.seq = seq;
            this.text = text;
        }
    }
}
