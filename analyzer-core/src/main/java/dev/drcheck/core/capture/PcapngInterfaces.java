package dev.drcheck.core.capture;

import java.util.Arrays;

/**
 * The interfaces one pcapng section describes, by interface id: link type, snap length, name, and the timestamp
 * resolution and offset that turn a packet block's timestamp into Unix nanoseconds.
 */
final class PcapngInterfaces {
    /** Most interfaces one section may describe. */
    static final int MAX = 65_536;

    private static final int DEFAULT_TSRESOL = 6;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L
    };

    private int count;
    private int[] linkType = new int[4];
    private int[] snapLength = new int[4];
    private String[] name = new String[4];
    /** Timestamp resolution per interface: a {@code if_tsresol} byte (default 6, that is 10^-6 s). */
    private int[] tsResolution = new int[4];
    private long[] tsOffsetNanos = new long[4];

    /** Forgets every interface, as a new section starts. */
    void clear() {
        count = 0;
    }

    /** Interfaces described so far; their ids are 0 to count - 1. */
    int count() {
        return count;
    }

    /** Adds an interface with no name, microsecond resolution and no offset; returns its id. */
    int add(int linkTypeValue, long snapLengthValue) {
        if (count == linkType.length) {
            int grown = Math.min(count * 2, MAX);
            linkType = Arrays.copyOf(linkType, grown);
            snapLength = Arrays.copyOf(snapLength, grown);
            name = Arrays.copyOf(name, grown);
            tsResolution = Arrays.copyOf(tsResolution, grown);
            tsOffsetNanos = Arrays.copyOf(tsOffsetNanos, grown);
        }
        int id = count++;
        linkType[id] = linkTypeValue;
        snapLength[id] = (int) Math.min(snapLengthValue, Integer.MAX_VALUE);
        name[id] = null;
        tsResolution[id] = DEFAULT_TSRESOL;
        tsOffsetNanos[id] = 0;
        return id;
    }

    void name(int id, String value) {
        name[id] = value;
    }

    /** Sets the {@code if_tsresol} byte: 10^-n s, or 2^-n s with the top bit set. */
    void tsResolution(int id, int value) {
        tsResolution[id] = value;
    }

    void tsOffsetSeconds(int id, long seconds) {
        tsOffsetNanos[id] = seconds * NANOS_PER_SECOND;
    }

    int linkType(int id) {
        return linkType[id];
    }

    int snapLength(int id) {
        return snapLength[id];
    }

    String name(int id) {
        return name[id];
    }

    /** Converts a pcapng timestamp (units of the interface's resolution since its offset) to Unix nanoseconds. */
    long timestampNanos(int id, long high, long low) {
        long units = high << 32 | low;
        int resolution = tsResolution[id];
        long nanos;
        if ((resolution & 0x80) == 0) {
            int exponent = Math.min(resolution, 9 + POWERS_OF_TEN.length - 1);
            nanos = exponent <= 9
                    ? units * POWERS_OF_TEN[9 - exponent]
                    : Long.divideUnsigned(units, POWERS_OF_TEN[exponent - 9]);
        } else {
            int exponent = Math.min(resolution & 0x7f, 63);
            long seconds = units >>> exponent;
            long fraction = units & ((1L << exponent) - 1);
            long fractionNanos = exponent <= 33
                    ? (fraction * NANOS_PER_SECOND) >>> exponent
                    : ((fraction >>> (exponent - 33)) * NANOS_PER_SECOND) >>> 33;
            nanos = seconds * NANOS_PER_SECOND + fractionNanos;
        }
        return nanos + tsOffsetNanos[id];
    }
}
