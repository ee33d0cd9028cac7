package io.moked.pipeline.processors;

import io.moked.pipeline.Direction;
import io.moked.pipeline.EndFrame;
import io.moked.pipeline.Frame;
import io.moked.pipeline.FrameProcessor;
import io.moked.pipeline.InputAudioFrame;
import io.moked.pipeline.SpeechSegmentFrame;
import io.moked.pipeline.UserStartedSpeakingFrame;
import io.moked.pipeline.UserStoppedSpeakingFrame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Cuts the caller's audio into one segment per turn: from the speech start the VAD reports (which already includes
 * its pre-roll, so the first syllable is not clipped) to the end of the turn. Keeps a short history of audio because
 * the VAD decides "speech started" a little after the speech really started.
 */
public final class TurnSegmenter extends FrameProcessor {
    /** Audio kept before a speech start: must cover the VAD's pre-roll plus its detection delay. */
    static final long HISTORY_MS = 2_000;
    /** Longest segment sent to STT at once (whisper works on windows of 30 s); longer speech is split. */
    static final long MAX_SEGMENT_MS = 28_000;

    private final Deque<InputAudioFrame> history = new ArrayDeque<>();
    private final List<InputAudioFrame> segment = new ArrayList<>();
    private boolean inSpeech;
    private long segmentStartMs;

    public TurnSegmenter() {
        super("turn-segmenter");
    }

    @Override
    protected void process(Frame frame, Direction direction) {
        if (frame instanceof InputAudioFrame audio) {
            onAudio(audio);
        } else if (frame instanceof UserStartedSpeakingFrame started) {
            startSegment(started.startOffsetMs());
            forward(frame, direction);
        } else if (frame instanceof UserStoppedSpeakingFrame stopped) {
            if (inSpeech) {
                emit(stopped.endOffsetMs(), stopped.endNanos());
                inSpeech = false;
            }
            forward(frame, direction);
        } else {
            if (frame instanceof EndFrame) {
                history.clear();
                segment.clear();
                inSpeech = false;
            }
            forward(frame, direction);
        }
    }

    private void onAudio(InputAudioFrame audio) {
        history.addLast(audio);
        while (!history.isEmpty() && audio.offsetMs() - history.peekFirst().offsetMs() > HISTORY_MS) {
            history.removeFirst();
        }
        if (!inSpeech) {
            return;
        }
        segment.add(audio);
        long endMs = audio.offsetMs() + audio.durationMs();
        if (endMs - segmentStartMs >= MAX_SEGMENT_MS) {
            log.debug("caller speech longer than {} ms: splitting the segment", MAX_SEGMENT_MS);
            emit(endMs, audio.receivedNanos());
            startSegment(endMs);
        }
    }

    private void startSegment(long startOffsetMs) {
        inSpeech = true;
        segmentStartMs = startOffsetMs;
        segment.clear();
        for (InputAudioFrame past : history) {
            if (past.offsetMs() + past.durationMs() > startOffsetMs) {
                segment.add(past);
            }
        }
    }

    private void emit(long endOffsetMs, long endNanos) {
        if (segment.isEmpty()) {
            return;
        }
        int rate = segment.get(0).sampleRateHz();
        long firstMs = Math.max(segmentStartMs, segment.get(0).offsetMs());
        int samples = 0;
        for (InputAudioFrame f : segment) {
            samples += f.pcm().length;
        }
        short[] pcm = new short[samples];
        int at = 0;
        for (InputAudioFrame f : segment) {
            System.arraycopy(f.pcm(), 0, pcm, at, f.pcm().length);
            at += f.pcm().length;
        }
        // trim to [segment start, end of turn]: frames are whole, the offsets are exact
        int skip = (int) Math.max(0, (firstMs - segment.get(0).offsetMs()) * rate / 1000);
        int keep = (int) Math.min(pcm.length - skip, Math.max(0, (endOffsetMs - firstMs) * rate / 1000));
        short[] trimmed = new short[Math.max(0, keep)];
        System.arraycopy(pcm, skip, trimmed, 0, trimmed.length);
        segment.clear();
        if (trimmed.length > 0) {
            push(new SpeechSegmentFrame(trimmed, rate, firstMs, endOffsetMs, endNanos));
        }
    }
}
