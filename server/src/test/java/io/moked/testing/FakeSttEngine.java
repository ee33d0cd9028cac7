package io.moked.testing;

import io.moked.stt.SttEngine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Test STT: answers with a scripted text per segment and records the segment lengths it was given. */
public final class FakeSttEngine implements SttEngine {
    public final List<Integer> segmentSamples = new CopyOnWriteArrayList<>();
    private final Function<Integer, String> answer;

    public FakeSttEngine(Function<Integer, String> answerForSegmentIndex) {
        this.answer = answerForSegmentIndex;
    }

    @Override
    public String name() {
        return "fake-stt";
    }

    @Override
    public Transcript transcribe(float[] pcm16k, String language) {
        int index = segmentSamples.size();
        segmentSamples.add(pcm16k.length);
        return new Transcript(answer.apply(index), 0.9, language);
    }
}
