package io.moked.telephony.twilio;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.Stream;
import io.moked.call.CallAnswer;

import java.util.Map;

/** The TwiML documents the appliance answers with, built with the Twilio SDK. */
public final class Twiml {
    static final String CONNECT_ACTION_PATH = "/twilio/connect-action";
    static final String VOICEMAIL_PATH = "/twilio/voicemail";

    private Twiml() {
    }

    /**
     * The one translation of what happens with a call into TwiML.
     *
     * @param baseUrl the public base URL (recording callbacks are under it)
     */
    public static String of(CallAnswer answer, String baseUrl) {
        return of(answer, baseUrl, baseUrl);
    }

    /**
     * As {@link #of(CallAnswer, String)}, with the media stream and its Connect action sent to {@code nodeUrl}: the
     * node that admitted the call (behind a load balancer, its live state is only there).
     */
    public static String of(CallAnswer answer, String baseUrl, String nodeUrl) {
        if (answer instanceof CallAnswer.Stream stream) {
            return connectStream(TwilioSignature.url(nodeUrl, MediaStreamSocket.PATH, true), stream.parameters(),
                    nodeUrl + CONNECT_ACTION_PATH);
        } else if (answer instanceof CallAnswer.Busy busy) {
            return sayAndHangup(busy.message(), busy.language());
        } else if (answer instanceof CallAnswer.UnknownNumber unknown) {
            return sayAndHangup(unknown.message(), unknown.language());
        } else if (answer instanceof CallAnswer.Degraded degraded) {
            return of(degraded.voicemail(), baseUrl);
        } else if (answer instanceof CallAnswer.Voicemail v) {
            return voicemail(v.prompt(), v.language(), baseUrl + VOICEMAIL_PATH, v.maxSeconds());
        } else if (answer instanceof CallAnswer.Dial dial) {
            return dial(dial.number());
        }
        return hangup();
    }

    /** Say a message, then hang up (unknown number, busy). */
    static String sayAndHangup(String message, String language) {
        return new VoiceResponse.Builder()
                .say(say(message, language))
                .hangup(new Hangup.Builder().build())
                .build().toXml();
    }

    /**
     * Connect the call to the media stream; custom parameters travel in {@code <Parameter>}s (Twilio drops query
     * strings on stream URLs). When the stream ends, Twilio requests {@code actionUrl} for what comes next.
     */
    static String connectStream(String streamUrl, Map<String, String> parameters, String actionUrl) {
        Stream.Builder stream = new Stream.Builder().url(streamUrl);
        parameters.forEach((name, value) -> stream.parameter(new Parameter.Builder().name(name).value(value).build()));
        Connect connect = new Connect.Builder().action(actionUrl).stream(stream.build()).build();
        return new VoiceResponse.Builder().connect(connect).build().toXml();
    }

    /** Degraded mode: say the tenant's message and record a voicemail. */
    static String voicemail(String message, String language, String actionUrl, int maxSeconds) {
        return new VoiceResponse.Builder()
                .say(say(message, language))
                .record(new Record.Builder().action(actionUrl).maxLength(maxSeconds).playBeep(true).build())
                .hangup(new Hangup.Builder().build())
                .build().toXml();
    }

    static String dial(String number) {
        return new VoiceResponse.Builder().dial(new Dial.Builder().number(number).build()).build().toXml();
    }

    static String hangup() {
        return new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build().toXml();
    }

    private static Say say(String message, String language) {
        Say.Builder say = new Say.Builder(message);
        for (Say.Language l : Say.Language.values()) {
            if (l.toString().equalsIgnoreCase(language)) {
                say.language(l);
                break;
            }
        }
        return say.build();
    }
}
