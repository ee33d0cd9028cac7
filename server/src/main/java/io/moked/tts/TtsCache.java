package io.moked.tts;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Synthesized audio by (engine, voice, normalized text): an LRU bounded by total PCM bytes, so the tenant greeting
 * and fixed phrases can be synthesized ahead and played without waiting for an engine. Thread-safe.
 */
public final class TtsCache {
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final int BYTES_PER_SAMPLE = 2;

    /** Cached mono PCM16 audio of one phrase. */
    public record Audio(short[] pcm, int sampleRateHz) {
        long bytes() {
            return (long) pcm.length * BYTES_PER_SAMPLE;
        }
    }

    record Key(String engine, String voice, String text) {
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, Audio> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    public TtsCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("tts cache max bytes must be >= 0, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** Same key for texts that differ only in Unicode form or whitespace. */
    public static String normalize(String text) {
        return SPACES.matcher(Normalizer.normalize(text, Normalizer.Form.NFC)).replaceAll(" ").trim();
    }

    public synchronized Optional<Audio> get(String engine, String voice, String text) {
        return Optional.ofNullable(entries.get(key(engine, voice, text)));
    }

    /** Stores a phrase; evicts least recently used phrases to stay within the byte budget. Too-large audio is skipped. */
    public synchronized boolean put(String engine, String voice, String text, Audio audio) {
        if (audio.bytes() > maxBytes) {
            return false;
        }
        Audio previous = entries.put(key(engine, voice, text), audio);
        if (previous != null) {
            bytes -= previous.bytes();
        }
        bytes += audio.bytes();
        var it = entries.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<Key, Audio> eldest = it.next();
            bytes -= eldest.getValue().bytes();
            it.remove();
        }
        return true;
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int size() {
        return entries.size();
    }

    private static Key key(String engine, String voice, String text) {
        return new Key(engine, voice == null ? "" : voice, normalize(text));
    }
}
