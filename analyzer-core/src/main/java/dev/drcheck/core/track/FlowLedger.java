package dev.drcheck.core.track;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Sums retired flows by the way they went ({@link PathShape}), so that what stays in memory grows with hosts
 * and services, not with traffic. Past {@link #MAX_SHAPES} kinds, further flows are counted in
 * {@link #overflow()}.
 */
public final class FlowLedger implements FlowEndListener {
    /** Most kinds of path kept. */
    public static final int MAX_SHAPES = 65_536;

    private final KeyIndex index = new KeyIndex(64, MAX_SHAPES);
    private final List<PathShape> shapes = new ArrayList<>();
    private PathShape lastHit;
    private long overflow;

    @Override
    public void onFlowEnd(FlowView flow) {
        PathShape shape = lastHit != null && lastHit.matches(flow) ? lastHit : find(flow);
        if (shape == null) {
            overflow++;
            return;
        }
        shape.add(flow);
        lastHit = shape;
    }

    /**
     * An independent copy, so that flows still open can be added for an interim report without touching this
     * ledger.
     */
    public FlowLedger copy() {
        FlowLedger copy = new FlowLedger();
        for (PathShape shape : shapes) {
            PathShape duplicate = new PathShape(shape);
            copy.shapes.add(duplicate);
        }
        copy.index.copyFrom(index);
        copy.overflow = overflow;
        return copy;
    }

    /** Every kind of path seen. */
    public List<PathShape> shapes() {
        return Collections.unmodifiableList(shapes);
    }

    /** Flows not kept because the ledger was full. */
    public long overflow() {
        return overflow;
    }

    private PathShape find(FlowView f) {
        long macs = KeyIndex.mix(f.firstHopSrcMac() * 0x9E3779B97F4A7C15L + f.firstHopDstMac());
        macs = KeyIndex.mix(macs ^ f.deliveredMac() * 0xC2B2AE3D27D4EB4FL ^ f.relayMac());
        long replyMacs = KeyIndex.mix(f.replySrcMac() * 0x9E3779B97F4A7C15L + f.replyDstMac())
                ^ f.replyRelayMac() * 0x165667B19E3779F9L;
        long a = KeyIndex.mix(macs ^ (((long) f.serverIp() << 32) | (f.deliveredIp() & 0xffff_ffffL)));
        long b = KeyIndex.mix(replyMacs ^ (((long) f.replySrcIp() << 32) | f.serverPort()));
        int id = index.get(a, b);
        if (id >= 0) {
            return shapes.get(id);
        }
        if (!index.put(a, b, shapes.size())) {
            return null;
        }
        PathShape shape = new PathShape(f);
        shapes.add(shape);
        return shape;
    }
}
