package io.moked.hebrew.time;

/**
 * A part of the day a caller names. Besides its range ({@link DayParts}) it decides how a bare hour is read: "שלוש
 * בבוקר" is 03:00, "שלוש אחרי הצהריים" 15:00.
 */
public enum DayPart {
    MORNING, NOON, AFTERNOON, EVENING, NIGHT;

    /**
     * The 24-hour reading of {@code hour} (1–12 as said) in this part of the day, or -1 when the pair makes no sense
     * ("שמונה בצהריים").
     */
    int hour24(int hour) {
        switch (this) {
            case MORNING:
                return hour >= 1 && hour <= 11 ? hour : -1;
            case NOON:
                if (hour == 11 || hour == 12) {
                    return hour;
                }
                return hour >= 1 && hour <= 4 ? hour + 12 : -1;
            case AFTERNOON:
                if (hour == 12) {
                    return 12;
                }
                return hour >= 1 && hour <= 7 ? hour + 12 : -1;
            case EVENING:
                return hour >= 4 && hour <= 11 ? hour + 12 : -1;
            case NIGHT:
                if (hour >= 8 && hour <= 11) {
                    return hour + 12;
                }
                return hour >= 1 && hour <= 5 ? hour : -1;
            default:
                return -1;
        }
    }

    /** Whether an explicit 24-hour time (e.g. "15:30") fits this part of the day. */
    boolean accepts24(int hour24) {
        switch (this) {
            case MORNING:
                return hour24 < 12;
            case NOON:
                return hour24 >= 11 && hour24 <= 16;
            case AFTERNOON:
                return hour24 >= 12 && hour24 <= 19;
            case EVENING:
                return hour24 >= 16;
            case NIGHT:
                return hour24 >= 20 || hour24 <= 5;
            default:
                return false;
        }
    }
}
