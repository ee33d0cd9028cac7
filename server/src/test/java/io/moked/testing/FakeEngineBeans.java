package io.moked.testing;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Registers the fake engines as beans for integration tests that set {@code moked.test.fake-engines=true} and
 * route to them ({@code moked.engines.stt.order=fake-stt}, ...). Test code only.
 */
@Factory
@Requires(property = "moked.test.fake-engines", value = "true")
public class FakeEngineBeans {
    /** What the fake STT hears in every caller turn. */
    public static final String CALLER_TEXT = "שלום, אני מחפש דירת שלושה חדרים בתל אביב";
    /** What the fake LLM answers every turn: three sentences, a few seconds of speech. */
    public static final String AGENT_REPLY = "בשמחה, יש לנו כמה דירות כאלה באזור. "
            + "התקציב שלך הוא עד שלושה מיליון שקל? "
            + "אשמח לקבוע לך צפייה כבר השבוע.";

    /**
     * @param texts what the caller says, turn by turn ({@code |}-separated, the last one repeats); empty = always
     *              {@link #CALLER_TEXT}
     */
    @Singleton
    FakeSttEngine stt(@Value("${moked.test.stt-texts:}") String texts) {
        if (texts.isBlank()) {
            return new FakeSttEngine(i -> CALLER_TEXT);
        }
        List<String> turns = List.of(texts.split("\\|", -1));
        return new FakeSttEngine(i -> turns.get(Math.min(i, turns.size() - 1)));
    }

    @Singleton
    FakeLlmEngine llm(@Value("${moked.test.llm-pause-ms:5}") long pauseMs) {
        return new FakeLlmEngine(List.of(AGENT_REPLY), pauseMs);
    }

    @Singleton
    FakeTtsEngine tts(@Value("${moked.test.tts-ms-per-char:25}") int msPerChar) {
        return new FakeTtsEngine(msPerChar, 2);
    }
}
