package io.moked.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * The far end for {@link ProcessorHarness} tests: what the output sent, in order ("media", "mark:&lt;name&gt;",
 * "clear"), with no clock of its own (the harness's virtual time decides when things are sent). Marks are echoed by
 * the test itself. {@link io.moked.testing.RecordingMediaOutput} is the wall-clock one that echoes marks like Twilio.
 */
public final class FarEndLog implements MediaOutput {
    public final List<String> events = new ArrayList<>();

    @Override
    public void sendAudio(short[] pcm8k) {
        events.add("media");
    }

    @Override
    public void sendMark(String name) {
        events.add("mark:" + name);
    }

    @Override
    public void clear() {
        events.add("clear");
    }

    /** The name of the last mark sent, or null. */
    public String lastMark() {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).startsWith("mark:")) {
                return events.get(i).substring(5);
            }
        }
        return null;
    }

    /** How many events start with {@code prefix}. */
    public long count(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
    }
}
