package io.moked.hebrew.time;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link TimeReader} found in an expression, before it is resolved against now and the business hours. Every
 * slot may be filled once; a second value for a slot (two clock times, two parts of the day) makes the expression
 * not understood.
 */
final class Reading {
    /** explicit days; all must agree ("מחר ביום שלישי" only when tomorrow is Tuesday) */
    final List<LocalDate> days = new ArrayList<>();
    DayOfWeek weekday;
    boolean weekdayThis;
    /** 0 = no week named, 1 = "השבוע", 2 = "בשבוע הבא" */
    int week;
    Clock clock;
    Clock clockEnd;
    DayPart part;
    Duration after;
    boolean now;

    boolean setClock(Clock start, Clock end) {
        if (clock != null) {
            return false;
        }
        clock = start;
        clockEnd = end;
        return true;
    }

    boolean setPart(DayPart p) {
        if (part != null && part != p) {
            return false;
        }
        part = p;
        return true;
    }

    boolean setWeekday(DayOfWeek d, boolean thisWeek) {
        if (weekday != null && weekday != d) {
            return false;
        }
        weekday = d;
        weekdayThis |= thisWeek;
        return true;
    }

    boolean setWeek(int w) {
        if (week != 0 && week != w) {
            return false;
        }
        week = w;
        return true;
    }

    boolean setAfter(Duration d) {
        if (after != null) {
            return false;
        }
        after = d;
        return true;
    }
}
