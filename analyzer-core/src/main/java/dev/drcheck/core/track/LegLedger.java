package dev.drcheck.core.track;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Counts forwarding hops by kind ({@link LegShape}): bounded by the number of distinct kinds, which grows with
 * hosts and services, not with traffic. Past {@link #MAX_SHAPES} kinds, further pairs are counted in
 * {@link #overflow()}.
 */
public final class LegLedger {
    /** Most kinds of hop kept. */
    public static final int MAX_SHAPES = 16_384;

    private final KeyIndex index = new KeyIndex(64, MAX_SHAPES);
    private final List<LegShape> shapes = new ArrayList<>();
    private LegShape lastHit;
    private long overflow;

    /** Records one pair, travelling in {@code direction} within its flow. */
    public void record(LegPair pair, FlowDirection direction) {
        LegShape shape = lastHit != null && lastHit.matches(pair, direction) ? lastHit : find(pair, direction);
        if (shape == null) {
            overflow++;
            return;
        }
        shape.record(pair);
        lastHit = shape;
    }

    /** Every kind of hop seen. */
    public List<LegShape> shapes() {
        return Collections.unmodifiableList(shapes);
    }

    /** Pairs not kept because the ledger was full. */
    public long overflow() {
        return overflow;
    }

    private LegShape find(LegPair pair, FlowDirection direction) {
        long macs = KeyIndex.mix(pair.relayMac * 0x9E3779B97F4A7C15L + pair.afterDstMac);
        long a = KeyIndex.mix(macs ^ (((long) pair.beforeDstIp << 32) | (pair.afterDstIp & 0xffff_ffffL)));
        long b = KeyIndex.mix(((long) pair.beforeDstPort << 48) | ((long) pair.afterDstPort << 32)
                | ((long) ((pair.beforeTtl - pair.afterTtl) & 0xff) << 24)
                | (pair.beforePayloadHash != pair.afterPayloadHash ? 1L << 20 : 0)
                | ((long) direction.ordinal() << 16) | pair.ipProtocol) ^ macs;
        int id = index.get(a, b);
        if (id >= 0) {
            return shapes.get(id);
        }
        if (!index.put(a, b, shapes.size())) {
            return null;
        }
        LegShape shape = new LegShape(pair, direction);
        shapes.add(shape);
        return shape;
    }
}
