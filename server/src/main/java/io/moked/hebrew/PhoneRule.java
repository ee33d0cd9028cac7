package io.moked.hebrew;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Israeli phone numbers read digit by digit in groups (a comma between groups gives the voice a short pause):
 * mobile 05x-xxx-xxxx, landline 0x-xxx-xxxx, 07X, +972 ..., 1-800/1-700 numbers. Groups follow the separators as
 * written; undivided numbers get the usual grouping.
 */
final class PhoneRule implements SpeechRule {
    private static final String SEP = "[- ]?";
    private static final Pattern PHONE = Pattern.compile("(?<![\\p{L}\\p{M}\\d+])" + HebrewText.PREFIX
            + "(?<number>\\+972" + SEP + "\\d(?:" + SEP + "\\d){7,8}"
            + "|0\\d(?:" + SEP + "\\d){7,8}"
            + "|1" + SEP + "[78]00(?:" + SEP + "\\d){6})(?![\\d])");
    private static final Pattern GROUP = Pattern.compile("\\d+");
    private static final int LOCAL_MOBILE_DIGITS = 10;
    private static final int LOCAL_LANDLINE_DIGITS = 9;

    @Override
    public String apply(String text) {
        Matcher m = PHONE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String number = m.group("number");
            String spoken = speak(number);
            m.appendReplacement(out, Matcher.quoteReplacement(
                    HebrewText.withPrefix(HebrewText.prefixLetters(m.group("prefix")), spoken)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String speak(String number) {
        List<String> parts = new ArrayList<>();
        String rest = number;
        boolean international = number.startsWith("+972");
        if (international) {
            parts.add("פלוס " + HebrewNumberWords.digits("972"));
            rest = number.substring(4);
        }
        if (rest.matches("1" + SEP + "[78]00.*")) {
            // toll-free prefixes are said as numbers: 1-800 → "אחד שמונה מאות"
            int hundred = rest.charAt(rest.indexOf('0') - 1) - '0';
            parts.add("אחד " + HebrewNumberWords.cardinal(hundred * 100L, Gender.FEMININE));
            rest = rest.substring(rest.indexOf("00") + 2);
        }
        List<String> groups = new ArrayList<>();
        Matcher g = GROUP.matcher(rest);
        while (g.find()) {
            groups.add(g.group());
        }
        if (groups.size() == 1) {
            groups = defaultGroups(groups.get(0), international);
        }
        List<String> split = new ArrayList<>();
        for (String group : groups) {
            // a 7-digit block (052-1234567) is read as 3 + 4
            if (group.length() == 7) {
                split.add(group.substring(0, 3));
                split.add(group.substring(3));
            } else {
                split.add(group);
            }
        }
        for (String group : split) {
            parts.add(HebrewNumberWords.digits(group));
        }
        return String.join(", ", parts);
    }

    private static List<String> defaultGroups(String digits, boolean international) {
        List<String> groups = new ArrayList<>();
        int areaCode;
        if (international) {
            areaCode = digits.length() - 7; // +972 52 1234567 / +972 3 1234567
        } else if (digits.length() == 6) {
            groups.add(digits.substring(0, 3)); // the 123456 of 1-800-123456
            groups.add(digits.substring(3));
            return groups;
        } else if (digits.length() == LOCAL_MOBILE_DIGITS) {
            areaCode = 3; // 052 / 077
        } else if (digits.length() == LOCAL_LANDLINE_DIGITS) {
            areaCode = 2; // 03
        } else {
            groups.add(digits);
            return groups;
        }
        groups.add(digits.substring(0, areaCode));
        String rest = digits.substring(areaCode);
        int cut = rest.length() == 6 ? 3 : rest.length() - 4;
        groups.add(rest.substring(0, cut));
        groups.add(rest.substring(cut));
        return groups;
    }
}
