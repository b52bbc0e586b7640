package dev.drcheck.core.decode;

import java.util.EnumMap;
import java.util.Map;

/**
 * How often each {@link DecodeAnomaly} occurred in a capture, and the first frame that showed it. Recording
 * allocates nothing. Not thread-safe.
 */
public final class AnomalyCounts {
    private static final DecodeAnomaly[] ANOMALIES = DecodeAnomaly.values();

    private final long[] counts = new long[ANOMALIES.length];
    private final long[] firstFrames = new long[ANOMALIES.length];

    /** Counts one occurrence of {@code anomaly} in frame {@code frameNumber}. */
    public void record(DecodeAnomaly anomaly, long frameNumber) {
        int index = anomaly.ordinal();
        if (counts[index] == 0) {
            firstFrames[index] = frameNumber;
        }
        counts[index]++;
    }

    /** How many times {@code anomaly} was recorded. */
    public long count(DecodeAnomaly anomaly) {
        return counts[anomaly.ordinal()];
    }

    /** The frame number {@code anomaly} was first recorded with, or 0 when it never was. */
    public long firstFrame(DecodeAnomaly anomaly) {
        return firstFrames[anomaly.ordinal()];
    }

    /** The number of anomalies recorded, of all kinds. */
    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /** The non-zero counts in {@link DecodeAnomaly} declaration order, as a new map for reports. */
    public Map<DecodeAnomaly, Long> asMap() {
        Map<DecodeAnomaly, Long> map = new EnumMap<>(DecodeAnomaly.class);
        for (DecodeAnomaly anomaly : ANOMALIES) {
            long count = counts[anomaly.ordinal()];
            if (count != 0) {
                map.put(anomaly, count);
            }
        }
        return map;
    }
}
