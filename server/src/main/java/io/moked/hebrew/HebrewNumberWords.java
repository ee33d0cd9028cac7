package io.moked.hebrew;

import java.util.ArrayList;
import java.util.List;

/**
 * Hebrew number words (modern Israeli usage, standard grammar).
 *
 * <p>Choices, documented because spoken Hebrew varies:
 * <ul>
 *   <li>Multipliers of אלף / מיליון / מיליארד are masculine (those nouns are masculine): עשרים וחמישה אלף,
 *       שלושה מיליון; 3–10 thousand use the construct: שלושת אלפים … עשרת אלפים; 2000 = אלפיים.</li>
 *   <li>The conjunction ו joins tens and units always (עשרים ואחד) and comes before the last element of the
 *       number (מאה ועשרים, אלף וחמש מאות). Inside a thousands/millions group a final tens word takes no ו
 *       (ארבע מאות חמישים אלף), as it is commonly said.</li>
 *   <li>Hundreds are feminine multiples of מאה: מאה, מאתיים, שלוש מאות.</li>
 * </ul>
 */
public final class HebrewNumberWords {
    private static final String[] UNITS_M = {"אפס", "אחד", "שניים", "שלושה", "ארבעה", "חמישה", "שישה", "שבעה",
        "שמונה", "תשעה", "עשרה"};
    private static final String[] UNITS_F = {"אפס", "אחת", "שתיים", "שלוש", "ארבע", "חמש", "שש", "שבע", "שמונה",
        "תשע", "עשר"};
    private static final String[] TEENS_M = {"", "אחד עשר", "שנים עשר", "שלושה עשר", "ארבעה עשר", "חמישה עשר",
        "שישה עשר", "שבעה עשר", "שמונה עשר", "תשעה עשר"};
    private static final String[] TEENS_F = {"", "אחת עשרה", "שתים עשרה", "שלוש עשרה", "ארבע עשרה", "חמש עשרה",
        "שש עשרה", "שבע עשרה", "שמונה עשרה", "תשע עשרה"};
    private static final String[] TENS = {"", "", "עשרים", "שלושים", "ארבעים", "חמישים", "שישים", "שבעים",
        "שמונים", "תשעים"};
    private static final String[] HUNDREDS = {"", "מאה", "מאתיים", "שלוש מאות", "ארבע מאות", "חמש מאות",
        "שש מאות", "שבע מאות", "שמונה מאות", "תשע מאות"};
    /** construct forms of 3–10 used before אלפים */
    private static final String[] THOUSANDS_3_TO_10 = {"", "", "", "שלושת אלפים", "ארבעת אלפים", "חמשת אלפים",
        "ששת אלפים", "שבעת אלפים", "שמונת אלפים", "תשעת אלפים", "עשרת אלפים"};
    private static final String[] ORDINALS_M = {"", "ראשון", "שני", "שלישי", "רביעי", "חמישי", "שישי", "שביעי",
        "שמיני", "תשיעי", "עשירי"};
    private static final String[] ORDINALS_F = {"", "ראשונה", "שנייה", "שלישית", "רביעית", "חמישית", "שישית",
        "שביעית", "שמינית", "תשיעית", "עשירית"};

    private static final long THOUSAND = 1_000L;
    private static final long MILLION = 1_000_000L;
    private static final long BILLION = 1_000_000_000L;
    /** largest number read as words; longer digit strings are read digit by digit */
    public static final long MAX_WORDS = 999_999_999_999L;

    private HebrewNumberWords() {
    }

    /** The number on its own or after a noun ("שלוש", "חדר שלושה"): the absolute form. */
    public static String cardinal(long n, Gender gender) {
        if (n < 0) {
            return "מינוס " + cardinal(-n, gender);
        }
        if (n == 0) {
            return UNITS_F[0];
        }
        if (n > MAX_WORDS) {
            throw new IllegalArgumentException("number too large for words: " + n);
        }
        List<List<String>> groups = new ArrayList<>();
        long billions = n / BILLION;
        long millions = n / MILLION % THOUSAND;
        long thousands = n / THOUSAND % THOUSAND;
        long units = n % THOUSAND;
        if (billions > 0) {
            groups.add(scaleGroup(billions, "מיליארד"));
        }
        if (millions > 0) {
            groups.add(scaleGroup(millions, "מיליון"));
        }
        if (thousands > 0) {
            groups.add(thousandsGroup(thousands));
        }
        if (units > 0) {
            groups.add(elements(units, gender, true));
        }
        // "ו" before a last group that is a single element: אלף וחמש מאות, מיליון ומאה אלף
        List<String> last = groups.get(groups.size() - 1);
        if (groups.size() > 1 && last.size() == 1) {
            last.set(0, "ו" + last.get(0));
        }
        StringBuilder out = new StringBuilder();
        for (List<String> group : groups) {
            for (String element : group) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(element);
            }
        }
        return out.toString();
    }

    /** The number before a counted noun: like {@link #cardinal} but 2 takes the construct (שני חדרים, שתי דירות). */
    public static String beforeNoun(long n, Gender gender) {
        if (n == 2) {
            return gender == Gender.MASCULINE ? "שני" : "שתי";
        }
        return cardinal(n, gender);
    }

    /** Ordinal 1–10 (ראשון/ראשונה … עשירי/עשירית); empty above 10, where Hebrew uses ה + the cardinal. */
    public static java.util.Optional<String> ordinal(long n, Gender gender) {
        if (n < 1 || n > 10) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of((gender == Gender.MASCULINE ? ORDINALS_M : ORDINALS_F)[(int) n]);
    }

    /** One word per digit, feminine (the form used for phone numbers and codes): "0 5 2" → "אפס חמש שתיים". */
    public static String digits(CharSequence digits) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a digit: " + c);
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(UNITS_F[c - '0']);
        }
        return out.toString();
    }

    /** 1–999 as a group multiplying מיליון/מיליארד (masculine, 2 in construct). */
    private static List<String> scaleGroup(long n, String scale) {
        List<String> group = new ArrayList<>();
        if (n == 1) {
            group.add(scale);
        } else if (n == 2) {
            group.add("שני " + scale);
        } else {
            group.addAll(elements(n, Gender.MASCULINE, false));
            appendToLast(group, " " + scale);
        }
        return group;
    }

    private static List<String> thousandsGroup(long n) {
        List<String> group = new ArrayList<>();
        if (n == 1) {
            group.add("אלף");
        } else if (n == 2) {
            group.add("אלפיים");
        } else if (n <= 10) {
            group.add(THOUSANDS_3_TO_10[(int) n]);
        } else {
            group.addAll(elements(n, Gender.MASCULINE, false));
            appendToLast(group, " אלף");
        }
        return group;
    }

    /**
     * The elements of 1–999 (hundreds, tens, units or a teen), with ו placed.
     *
     * @param unitsGroup true for the last group of the number, where ו always precedes the last element
     */
    private static List<String> elements(long n, Gender gender, boolean unitsGroup) {
        List<String> out = new ArrayList<>();
        int hundreds = (int) (n / 100);
        int rest = (int) (n % 100);
        if (hundreds > 0) {
            out.add(HUNDREDS[hundreds]);
        }
        if (rest >= 11 && rest <= 19) {
            out.add((gender == Gender.MASCULINE ? TEENS_M : TEENS_F)[rest - 10]);
        } else {
            int tens = rest / 10;
            int units = rest % 10;
            if (tens == 1) {
                out.add((gender == Gender.MASCULINE ? UNITS_M : UNITS_F)[10]);
            } else if (tens > 1) {
                out.add(TENS[tens]);
            }
            if (units > 0) {
                out.add((gender == Gender.MASCULINE ? UNITS_M : UNITS_F)[units]);
                if (tens > 1) {
                    // tens and units are always joined: עשרים ואחד
                    int last = out.size() - 1;
                    out.set(last, "ו" + out.get(last));
                    return out;
                }
            }
        }
        if (out.size() > 1) {
            boolean lastIsTens = rest % 10 == 0 && rest >= 20;
            if (unitsGroup || !lastIsTens) {
                int last = out.size() - 1;
                out.set(last, "ו" + out.get(last));
            }
        }
        return out;
    }

    private static void appendToLast(List<String> group, String suffix) {
        int last = group.size() - 1;
        group.set(last, group.get(last) + suffix);
    }
}
