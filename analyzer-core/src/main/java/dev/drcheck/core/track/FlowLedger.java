package dev.drcheck.core.track;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Sums retired flows by the way they went ({@link PathShape}), so that what stays in memory grows with hosts
 * and services, not with traffic. Past {@link #MAX_SHAPES} kinds, further flows are counted in
 * {@link #overflow()}.
 *
 * <p>A flow the capture may not show whole is left out and only counted: one with a {@link FlowView#captureGap()
 * gap}, or one that was open (until {@link #EXPOSURE_TAIL_NANOS} after its last frame) while the capture lost frames
 * ({@link LossWindows}). A loss reported only after flows that it may cover were summed ({@link
 * #leaveOutFlowsSummedBefore}) leaves every flow summed so far out.
 */
public final class FlowLedger implements FlowEndListener {
    /** Most kinds of path kept. */
    public static final int MAX_SHAPES = 65_536;
    /**
     * How long after its last frame a flow still counts as exposed to loss (its closing frames, a retransmission).
     * Shorter than the time the tracker waits before retiring a closed flow, so that a live capture's loss report
     * (sampled every 50 ms) arrives before the flows it covers are summed.
     */
    public static final long EXPOSURE_TAIL_NANOS = FlowTracker.CLOSED_GRACE_NANOS / 2;

    private final LossWindows losses;
    private final KeyIndex index = new KeyIndex(64, MAX_SHAPES);
    private final List<PathShape> shapes = new ArrayList<>();
    private PathShape lastHit;
    private long overflow;
    private long leftOutForLoss;
    private long leftOutForGaps;
    private long summedUntil = Long.MIN_VALUE;

    /** @param losses the periods in which the capture lost frames, read at each flow's end */
    public FlowLedger(LossWindows losses) {
        this.losses = losses;
    }

    @Override
    public void onFlowEnd(FlowView flow) {
        if (flow.captureGap()) {
            leftOutForGaps++;
            return;
        }
        long exposedUntil = flow.lastSeen() + EXPOSURE_TAIL_NANOS;
        if (losses.overlaps(flow.firstSynTime(), exposedUntil)) {
            leftOutForLoss++;
            return;
        }
        summedUntil = Math.max(summedUntil, exposedUntil);
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
        FlowLedger copy = new FlowLedger(losses);
        for (PathShape shape : shapes) {
            PathShape duplicate = new PathShape(shape);
            copy.shapes.add(duplicate);
        }
        copy.index.copyFrom(index);
        copy.overflow = overflow;
        copy.leftOutForLoss = leftOutForLoss;
        copy.leftOutForGaps = leftOutForGaps;
        copy.summedUntil = summedUntil;
        return copy;
    }

    /**
     * Takes a loss reported late: when it begins before the end of a flow already summed, that flow may be one it
     * changed, and which one cannot be told, so every flow summed so far is left out (counted in
     * {@link #leftOutForLoss()}) and summing starts again. A pcapng capture reports its drops at its end, so there
     * every flow is left out; a live capture reports them within 50 ms, before the flows they cover end.
     */
    public void leaveOutFlowsSummedBefore(long lossFromNanos) {
        if (lossFromNanos > summedUntil || shapes.isEmpty()) {
            return;
        }
        for (PathShape shape : shapes) {
            leftOutForLoss += shape.flows().count();
        }
        shapes.clear();
        index.clear();
        lastHit = null;
        summedUntil = Long.MIN_VALUE;
    }

    /** Flows left out because they were open while the capture lost frames. */
    public long leftOutForLoss() {
        return leftOutForLoss;
    }

    /** Flows left out because the capture misses one of their frames ({@link FlowView#captureGap()}). */
    public long leftOutForGaps() {
        return leftOutForGaps;
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
