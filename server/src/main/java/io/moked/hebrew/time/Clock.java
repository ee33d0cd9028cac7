package io.moked.hebrew.time;

/**
 * A clock time as said, before it is placed on a day.
 *
 * @param hour       as said: 1–12 unless {@code explicit24}; 24 with minute 0 for midnight ("חצות")
 * @param explicit24 the caller (or the digits, "15:30", "09:00") already said which half of the day
 */
record Clock(int hour, int minute, boolean explicit24) {
    static final Clock MIDNIGHT = new Clock(24, 0, true);

    boolean isMidnight() {
        return hour == 24;
    }
}
