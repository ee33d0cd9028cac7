package io.moked.hebrew;

import java.util.regex.Pattern;

/** Last step: signs left without a number become words, and spacing is tidied. */
final class CleanupRule implements SpeechRule {
    private static final Pattern SPACES = Pattern.compile("[ \t\u00A0]{2,}");
    private static final Pattern SHEKEL_SIGN = Pattern.compile("\\s?₪");
    private static final Pattern PERCENT_SIGN = Pattern.compile("\\s?%");

    @Override
    public String apply(String text) {
        String out = SHEKEL_SIGN.matcher(text).replaceAll(" שקלים");
        out = PERCENT_SIGN.matcher(out).replaceAll(" אחוז");
        return SPACES.matcher(out).replaceAll(" ").trim();
    }
}
