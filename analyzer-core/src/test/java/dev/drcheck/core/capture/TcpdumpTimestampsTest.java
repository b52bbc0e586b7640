package dev.drcheck.core.capture;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class TcpdumpTimestampsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long DAY = 86_400 * SECOND;

    private final TcpdumpTimestamps timestamps = new TcpdumpTimestamps();

    private long parse(String text) {
        TcpdumpTextLine line = new TcpdumpTextLine();
        line.reset(text.toCharArray(), text.length());
        long value = timestamps.parse(line);
        if (value != TcpdumpTimestamps.NONE) {
            assertThat(line.peek()).as("cursor after the timestamp of " + text).isEqualTo('0');
        }
        return value;
    }

    @Test
    void timeOfDayDateAndEpochForms() {
        assertThat(parse("02:32:13.220768 02:00")).isEqualTo((2 * 3600 + 32 * 60 + 13) * SECOND + 220_768_000);
        assertThat(parse("2026-11-22 02:32:13.5 02:00"))
                .isEqualTo(TcpdumpTimestamps.daysFromCivil(2026, 11, 22) * DAY + (2 * 3600 + 32 * 60 + 13) * SECOND
                        + 500_000_000);
        assertThat(parse("1763778733.123456789 02:00")).isEqualTo(1_763_778_733L * SECOND + 123_456_789);
        assertThat(timestamps.timesWithoutDate()).isEqualTo(1);
    }

    @Test
    void aTimeGoingBackByMoreThanHalfADayIsTheNextDay() {
        assertThat(parse("23:59:59.0 02:00")).isEqualTo(86_399 * SECOND);
        assertThat(parse("00:00:01.0 02:00")).isEqualTo(DAY + SECOND);
        assertThat(parse("00:00:00.5 02:00")).as("a small step back is no new day").isEqualTo(DAY + SECOND / 2);
        assertThat(timestamps.dayRollovers()).isEqualTo(1);
    }

    @Test
    void aLineWithoutTimestampGetsThePreviousTimePlusOneMicrosecond() {
        parse("1.000000 02:00");
        TcpdumpTextLine line = new TcpdumpTextLine();
        String text = "02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype";
        line.reset(text.toCharArray(), text.length());
        assertThat(timestamps.parse(line)).isEqualTo(SECOND + 1_000);
        assertThat(line.pos).isZero();
        assertThat(timestamps.linesWithoutTime()).isEqualTo(1);
    }

    @Test
    void malformedTimestampsAreNone() {
        assertThat(parse("24:00:00.0 x")).isEqualTo(TcpdumpTimestamps.NONE);
        assertThat(parse("2026-13-01 00:00:00.0 x")).isEqualTo(TcpdumpTimestamps.NONE);
        assertThat(parse("12:00:00.0123456789 x")).isEqualTo(TcpdumpTimestamps.NONE);
        assertThat(parse("reading from file")).isEqualTo(TcpdumpTimestamps.NONE);
    }

    @Test
    void daysFromCivilAgreesWithTheCalendar() {
        assertThat(TcpdumpTimestamps.daysFromCivil(1970, 1, 1)).isZero();
        assertThat(TcpdumpTimestamps.daysFromCivil(2000, 3, 1))
                .isEqualTo(LocalDate.of(2000, 3, 1).toEpochDay());
        assertThat(TcpdumpTimestamps.daysFromCivil(1969, 12, 31)).isEqualTo(-1);
    }
}
