package dev.drcheck.core.capture;

/**
 * The timestamp grammar of tcpdump text, with the state it needs across lines: tcpdump's default
 * {@code HH:MM:SS.ffffff} (a time on 1970-01-01 UTC, a day added each time it goes back by more than 12 hours),
 * {@code -tttt} dates (read as UTC), {@code -tt} epoch seconds, 1 to 9 fraction digits, and no timestamp at all
 * ({@code -t}: the line starts with a MAC address and gets the previous time plus 1 µs).
 */
final class TcpdumpTimestamps {
    /** What {@link #parse} returns when the line does not start with a timestamp. */
    static final long NONE = Long.MIN_VALUE;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_DAY = 86_400L * NANOS_PER_SECOND;
    private static final long HALF_DAY = NANOS_PER_DAY / 2;

    private long dayOffset;
    private long lastTimeOfDay = -1;
    private long lastTimestamp;
    private long dayRollovers;
    private long timesWithoutDate;
    private long linesWithoutTime;

    /**
     * Parses the timestamp at the start of the line and the space after it, leaving the cursor after them (at 0
     * for a line without a timestamp); returns nanoseconds since 1970, or {@link #NONE}.
     */
    long parse(TcpdumpTextLine t) {
        t.pos = 0;
        if (t.peek(2) == ':' && t.peek(8) == '.') {
            long timeOfDay = timeOfDay(t);
            if (timeOfDay < 0 || !t.accept(" ")) {
                return NONE;
            }
            if (lastTimeOfDay >= 0 && lastTimeOfDay - timeOfDay > HALF_DAY) {
                dayOffset += NANOS_PER_DAY;
                dayRollovers++;
            }
            lastTimeOfDay = timeOfDay;
            timesWithoutDate++;
            return remember(dayOffset + timeOfDay);
        }
        if (t.peek(4) == '-' && t.peek(7) == '-' && t.peek(10) == ' ') {
            return dated(t);
        }
        if (TcpdumpTextLine.isDigit(t.peek()) && t.peek(2) != ':') {
            long seconds = t.decimal(12);
            if (seconds < 0 || !t.accept(".")) {
                return NONE;
            }
            long fraction = fraction(t);
            if (fraction < 0 || !t.accept(" ")) {
                return NONE;
            }
            return remember(seconds * NANOS_PER_SECOND + fraction);
        }
        if (t.mac() >= 0 && t.startsWith(" > ")) {
            t.pos = 0;
            linesWithoutTime++;
            return remember(lastTimestamp + 1_000);
        }
        return NONE;
    }

    /** Times read without a date. */
    long timesWithoutDate() {
        return timesWithoutDate;
    }

    /** Days added because a time without a date went back by more than 12 hours. */
    long dayRollovers() {
        return dayRollovers;
    }

    /** Packet lines without a timestamp. */
    long linesWithoutTime() {
        return linesWithoutTime;
    }

    /** "YYYY-MM-DD HH:MM:SS.fraction " of -tttt. */
    private long dated(TcpdumpTextLine t) {
        int year = t.fixedDigits(4);
        boolean ok = year >= 0 && t.accept("-");
        int month = ok ? t.fixedDigits(2) : -1;
        ok = month >= 1 && month <= 12 && t.accept("-");
        int day = ok ? t.fixedDigits(2) : -1;
        ok = day >= 1 && day <= 31 && t.accept(" ");
        long timeOfDay = ok ? timeOfDay(t) : -1;
        if (timeOfDay < 0 || !t.accept(" ")) {
            return NONE;
        }
        return remember(daysFromCivil(year, month, day) * NANOS_PER_DAY + timeOfDay);
    }

    private long remember(long nanos) {
        lastTimestamp = nanos;
        return nanos;
    }

    /** HH:MM:SS.fraction in nanoseconds, or -1. */
    private static long timeOfDay(TcpdumpTextLine t) {
        int hours = t.fixedDigits(2);
        int minutes = hours >= 0 && hours < 24 && t.accept(":") ? t.fixedDigits(2) : -1;
        int seconds = minutes >= 0 && minutes < 60 && t.accept(":") ? t.fixedDigits(2) : -1;
        if (seconds < 0 || seconds > 60 || !t.accept(".")) {
            return -1;
        }
        long fraction = fraction(t);
        if (fraction < 0) {
            return -1;
        }
        return ((hours * 60L + minutes) * 60 + seconds) * NANOS_PER_SECOND + fraction;
    }

    /** 1 to 9 fraction digits in nanoseconds, or -1. */
    private static long fraction(TcpdumpTextLine t) {
        int start = t.pos;
        long value = t.decimal(9);
        if (value < 0) {
            return -1;
        }
        for (int digits = t.pos - start; digits < 9; digits++) {
            value *= 10;
        }
        return value;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
