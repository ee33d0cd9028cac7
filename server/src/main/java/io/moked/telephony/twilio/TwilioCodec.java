package io.moked.telephony.twilio;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.moked.audio.MuLaw;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Twilio Media Streams messages in and out, as text: a pure translator (no socket, no framework), so the socket only
 * moves text and the call only sees typed messages. Inbound text becomes one {@link Inbound} message; anything
 * that cannot be used becomes {@link Malformed} (never an exception). Media messages arrive 50 times a second per
 * call, so inbound JSON is read with a streaming parser, without building a tree.
 * <p>
 * Shapes follow Twilio's "Media Streams - WebSocket Messages" documentation: every inbound message has
 * {@code event} and usually {@code sequenceNumber} and {@code streamSid}; the event's own part is an object named
 * like the event; numbers ({@code sequenceNumber}, {@code chunk}, {@code timestamp}) are sent as strings.
 */
public final class TwilioCodec {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    /** DTMF digits Twilio reports: 0-9, *, # and A-D. */
    private static final Pattern DTMF_DIGIT = Pattern.compile("[0-9*#A-D]");
    /** Longest unknown event name kept (it is logged). */
    private static final int MAX_EVENT_CHARS = 32;

    private TwilioCodec() {
    }

    /** One message from Twilio. {@code sequenceNumber} is null when the message had none. */
    public sealed interface Inbound permits Connected, Start, Media, Mark, Dtmf, Stop, Unknown, Malformed {
    }

    public record Connected(String protocol, String version) implements Inbound {
    }

    /**
     * @param customParameters the {@code <Parameter>}s of the TwiML {@code <Stream>}
     * @param mediaFormat      null when Twilio sent none
     */
    public record Start(Long sequenceNumber, String streamSid, String accountSid, String callSid,
                        List<String> tracks, Map<String, String> customParameters, MediaFormat mediaFormat)
            implements Inbound {
    }

    public record MediaFormat(String encoding, int sampleRateHz, int channels) {
        public boolean isTelephoneMuLaw() {
            return "audio/x-mulaw".equalsIgnoreCase(encoding) && sampleRateHz == 8000 && channels == 1;
        }
    }

    /**
     * Caller (or, with both tracks, agent) audio.
     *
     * @param chunk     Twilio's running chunk number of this track (from 1), or null
     * @param timestamp milliseconds since the stream started, or null
     * @param ulaw      the decoded payload, 8 kHz μ-law
     */
    public record Media(Long sequenceNumber, String streamSid, String track, Long chunk, Long timestamp,
                        byte[] ulaw) implements Inbound {
        /** Twilio names the caller's track {@code inbound}; a message without a track is the caller's. */
        public boolean isCaller() {
            return track == null || "inbound".equals(track);
        }
    }

    /** Echo of a mark we sent: the audio before it has played (or was cleared). */
    public record Mark(Long sequenceNumber, String streamSid, String name) implements Inbound {
    }

    public record Dtmf(Long sequenceNumber, String streamSid, String track, String digit) implements Inbound {
    }

    public record Stop(Long sequenceNumber, String streamSid, String accountSid, String callSid) implements Inbound {
    }

    /** Well-formed, but an event this appliance does not know. */
    public record Unknown(String event) implements Inbound {
    }

    /** Unusable input; {@code kind} is the metric tag, {@code detail} a short safe description (no input echoed). */
    public record Malformed(Kind kind, String detail) implements Inbound {
        public enum Kind {
            JSON, MEDIA_PAYLOAD, BASE64, MARK, DTMF, NUMBER;

            /** The {@code kind} tag of {@code moked_twilio_malformed_messages_total}. */
            public String tag() {
                return name().toLowerCase();
            }
        }
    }

    /** Reads one text message. Never throws. */
    public static Inbound decode(String text) {
        if (text == null || text.isBlank()) {
            return new Malformed(Malformed.Kind.JSON, "empty message");
        }
        Fields f = new Fields();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new Malformed(Malformed.Kind.JSON, "not a JSON object");
            }
            readTop(p, f);
            if (p.nextToken() != null) {
                return new Malformed(Malformed.Kind.JSON, "text after the JSON object");
            }
        } catch (IOException | RuntimeException e) {
            return new Malformed(Malformed.Kind.JSON, "unparsable message (" + e.getClass().getSimpleName() + ")");
        } catch (BadNumber e) {
            return new Malformed(Malformed.Kind.NUMBER, "'" + e.field + "' is not a number");
        }
        return f.toMessage();
    }

    /** Agent audio (8 kHz μ-law) for the caller. */
    public static String media(String streamSid, byte[] ulaw) {
        return "{\"event\":\"media\",\"streamSid\":" + quote(streamSid) + ",\"media\":{\"payload\":\""
                + Base64.getEncoder().encodeToString(ulaw) + "\"}}";
    }

    /**
     * The outbound messages of one stream with their fixed parts encoded once: a media message is then one byte
     * array (μ-law and base64 written straight into it) and one string, 50 times a second per call. Not
     * thread-safe: one per stream, used by the stream's pacing drain only.
     */
    public static final class StreamEncoder {
        private final byte[] mediaPrefix;
        private static final byte[] MEDIA_SUFFIX = "\"}}".getBytes(StandardCharsets.US_ASCII);
        private final String streamSid;
        private byte[] ulaw = new byte[0];
        private byte[] base64 = new byte[0];
        private byte[] message = new byte[0];

        public StreamEncoder(String streamSid) {
            this.streamSid = streamSid;
            this.mediaPrefix = ("{\"event\":\"media\",\"streamSid\":" + quote(streamSid)
                    + ",\"media\":{\"payload\":\"").getBytes(StandardCharsets.UTF_8);
        }

        /** The same text as {@link TwilioCodec#media} for 8 kHz PCM16 agent audio. */
        public String media(short[] pcm8k) {
            if (ulaw.length != pcm8k.length) {
                ulaw = new byte[pcm8k.length];
                base64 = new byte[4 * ((pcm8k.length + 2) / 3)];
            }
            MuLaw.encode(pcm8k, 0, ulaw, 0, pcm8k.length);
            int payload = Base64.getEncoder().encode(ulaw, base64);
            int length = mediaPrefix.length + payload + MEDIA_SUFFIX.length;
            if (message.length < length) {
                message = new byte[length];
                System.arraycopy(mediaPrefix, 0, message, 0, mediaPrefix.length);
            }
            System.arraycopy(base64, 0, message, mediaPrefix.length, payload);
            System.arraycopy(MEDIA_SUFFIX, 0, message, mediaPrefix.length + payload, MEDIA_SUFFIX.length);
            return new String(message, 0, length, StandardCharsets.UTF_8);
        }

        public String mark(String name) {
            return TwilioCodec.mark(streamSid, name);
        }

        public String clear() {
            return TwilioCodec.clear(streamSid);
        }
    }

    /** A mark after the audio sent so far; Twilio echoes it once that audio has played. */
    public static String mark(String streamSid, String name) {
        return "{\"event\":\"mark\",\"streamSid\":" + quote(streamSid) + ",\"mark\":{\"name\":" + quote(name) + "}}";
    }

    /** Drop the audio Twilio has buffered and not played yet (barge-in). */
    public static String clear(String streamSid) {
        return "{\"event\":\"clear\",\"streamSid\":" + quote(streamSid) + "}";
    }

    private static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    private static void readTop(JsonParser p, Fields f) throws IOException, BadNumber {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "event" -> f.event = text(p);
                case "sequenceNumber" -> f.sequenceNumber = number(p, name);
                case "streamSid" -> f.streamSid = text(p);
                case "protocol" -> f.protocol = text(p);
                case "version" -> f.version = text(p);
                case "start", "media", "mark", "dtmf", "stop" -> {
                    if (value == JsonToken.START_OBJECT) {
                        readPart(p, f, name);
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    /** The event's own object: all its fields are kept in {@code f} under their names. */
    private static void readPart(JsonParser p, Fields f, String part) throws IOException, BadNumber {
        f.parts.add(part);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "streamSid" -> f.partStreamSid = text(p);
                case "accountSid" -> f.accountSid = text(p);
                case "callSid" -> f.callSid = text(p);
                case "track" -> f.track = text(p);
                case "chunk" -> f.chunk = number(p, "chunk");
                case "timestamp" -> f.timestamp = number(p, "timestamp");
                case "payload" -> f.payload = text(p);
                case "name" -> f.name = text(p);
                case "digit" -> f.digit = text(p);
                case "tracks" -> f.tracks = value == JsonToken.START_ARRAY ? strings(p) : skip(p, List.of());
                case "customParameters" -> f.customParameters = value == JsonToken.START_OBJECT ? stringMap(p)
                        : skip(p, Map.of());
                case "mediaFormat" -> f.mediaFormat = value == JsonToken.START_OBJECT ? mediaFormat(p) : skip(p, null);
                default -> p.skipChildren();
            }
        }
    }

    private static MediaFormat mediaFormat(JsonParser p) throws IOException, BadNumber {
        String encoding = null;
        long rate = 0;
        long channels = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "encoding" -> encoding = text(p);
                case "sampleRate" -> rate = orZero(number(p, name));
                case "channels" -> channels = orZero(number(p, name));
                default -> p.skipChildren();
            }
        }
        return new MediaFormat(encoding, (int) rate, (int) channels);
    }

    private static List<String> strings(JsonParser p) throws IOException {
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String s = text(p);
            if (s != null) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    private static Map<String, String> stringMap(JsonParser p) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            String value = text(p);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }

    /** A scalar's text (strings and numbers), or null for null, objects and arrays (which are skipped). */
    private static String text(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT
                || t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    /** Twilio sends numbers as strings; plain JSON numbers are accepted too. Null when absent or null. */
    private static Long number(JsonParser p, String field) throws IOException, BadNumber {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(p.getText().strip());
            } catch (NumberFormatException e) {
                throw new BadNumber(field);
            }
        }
        p.skipChildren();
        throw new BadNumber(field);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static <T> T skip(JsonParser p, T value) throws IOException {
        p.skipChildren();
        return value;
    }

    /** An unknown event's name as it may be logged: letters, digits, '_' and '-', at most 32 characters. */
    private static String printable(String event) {
        String safe = event.replaceAll("[^A-Za-z0-9_-]", "?");
        return safe.length() > MAX_EVENT_CHARS ? safe.substring(0, MAX_EVENT_CHARS) + "…" : safe;
    }

    /** A numeric field that is not a number (checked, so it cannot escape as a generic parse failure). */
    private static final class BadNumber extends Exception {
        final String field;

        BadNumber(String field) {
            super(field, null, false, false);
            this.field = field;
        }
    }

    /** What one message said, collected in any field order before the event decides what it means. */
    private static final class Fields {
        String event;
        Long sequenceNumber;
        String streamSid;
        String partStreamSid;
        String protocol;
        String version;
        final List<String> parts = new ArrayList<>(1);
        String accountSid;
        String callSid;
        String track;
        Long chunk;
        Long timestamp;
        String payload;
        String name;
        String digit;
        List<String> tracks = List.of();
        Map<String, String> customParameters = Map.of();
        MediaFormat mediaFormat;

        Inbound toMessage() {
            if (event == null) {
                return new Malformed(Malformed.Kind.JSON, "message without an event");
            }
            String sid = partStreamSid != null ? partStreamSid : streamSid;
            switch (event) {
                case "connected":
                    return new Connected(protocol, version);
                case "start":
                    return new Start(sequenceNumber, sid, accountSid, callSid, tracks, Map.copyOf(customParameters),
                            mediaFormat);
                case "media":
                    return media(sid);
                case "mark":
                    return name == null ? new Malformed(Malformed.Kind.MARK, "mark without a name")
                            : new Mark(sequenceNumber, sid, name);
                case "dtmf":
                    return digit == null || !DTMF_DIGIT.matcher(digit).matches()
                            ? new Malformed(Malformed.Kind.DTMF, "dtmf without a valid digit")
                            : new Dtmf(sequenceNumber, sid, track, digit);
                case "stop":
                    return new Stop(sequenceNumber, sid, accountSid, callSid);
                default:
                    return new Unknown(printable(event));
            }
        }

        private Inbound media(String sid) {
            if (payload == null) {
                return new Malformed(Malformed.Kind.MEDIA_PAYLOAD, "media without payload");
            }
            try {
                return new Media(sequenceNumber, sid, track, chunk, timestamp, Base64.getDecoder().decode(payload));
            } catch (IllegalArgumentException e) {
                return new Malformed(Malformed.Kind.BASE64, "media payload is not base64");
            }
        }
    }
}
