package dev.drcheck.core.track;

import dev.drcheck.core.decode.DecodedFrame;
import dev.drcheck.core.decode.Layer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Follows ICMP errors about TCP and UDP flows (destination unreachable with "fragmentation needed", time exceeded,
 * ...) and sums them by kind ({@link IcmpErrorShape}): who sent each error and to which MAC, the flow its quoted
 * packet belongs to and the MAC that flow was delivered to, and whether the host the error was addressed to
 * passed it on. A relayed error is the same ICMP packet (addresses, IP id, type, code, quoted endpoints) seen
 * again within {@link #WINDOW_NANOS}, sent by the MAC the first sighting was addressed to (in a capture without
 * destination MACs: sent by another MAC), or, in merged captures, seen first and followed by its original.
 *
 * <p>An error waits for its relayed copy in a small 4-way set-associative table; it is summed when the copy comes,
 * when another error needs its slot after its window (or, in a burst too large for the table, before it: counted in
 * {@link #decidedEarly()}), or at {@link #finish()}. Only ICMP error frames reach this class, so it is off
 * the per-frame path of ordinary traffic; a new kind of error allocates its shape. Bounded: past
 * {@link #MAX_SHAPES} kinds, further errors are counted in {@link #overflow()}.
 *
 * <p>An error judged not relayed while the capture lost frames within its window ({@link LossWindows}) is left
 * out and only counted ({@link #leftOutForLoss()}): its relayed copy may be among the lost frames.
 */
public final class IcmpErrorLedger {
    /** How long an error waits for its relayed copy. */
    public static final long WINDOW_NANOS = LegMatcher.WINDOW_NANOS;
    /** Most kinds of error kept. */
    public static final int MAX_SHAPES = 4096;

    private static final int PENDING_SLOTS = 1024;
    private static final int WAYS = 4;
    private static final int PROTOCOL_TCP = 6;
    private static final int PROTOCOL_UDP = 17;

    private final LossWindows losses;
    private final Sighting[] pending = new Sighting[PENDING_SLOTS];
    private final KeyIndex index = new KeyIndex(16, MAX_SHAPES);
    private final List<IcmpErrorShape> shapes = new ArrayList<>();
    private long overflow;
    private long decidedEarly;
    private long leftOutForLoss;

    /** An empty ledger; {@code losses} are the periods in which the capture lost frames. */
    public IcmpErrorLedger(LossWindows losses) {
        this.losses = losses;
        for (int i = 0; i < PENDING_SLOTS; i++) {
            pending[i] = new Sighting();
        }
    }

    /**
     * Takes one frame: an ICMP error quoting a TCP or UDP packet is remembered, or completes the error it is the
     * relayed copy of; any other frame is ignored.
     *
     * @param flows the flow tracker, to find the flow the quoted packet belongs to
     */
    public void onIcmp(DecodedFrame f, FlowTracker flows) {
        if (f.layer != Layer.ICMP || !f.icmpQuoted
                || (f.icmpQuotedProtocol != PROTOCOL_TCP && f.icmpQuotedProtocol != PROTOCOL_UDP)) {
            return;
        }
        int group = groupOf(f);
        for (int way = 0; way < WAYS; way++) {
            Sighting waiting = pending[group + way];
            if (waiting.used && waiting.isSamePacket(f)
                    && Math.abs(f.timestampNanos - waiting.timeNanos) <= WINDOW_NANOS) {
                if (waiting.isRelayedBy(f)) {
                    waiting.relayed = true;
                    waiting.relayDstMac = f.dstMacKnown ? f.dstMac : 0;
                    waiting.relayFrame = f.frameNumber;
                    waiting.relayTimeNanos = f.timestampNanos;
                    commit(waiting);
                    waiting.used = false;
                } else if (waiting.isRelayOf(f)) {
                    waiting.relayed = true;
                    waiting.relayDstMac = waiting.dstMac;
                    waiting.relayFrame = waiting.frame;
                    waiting.relayTimeNanos = waiting.timeNanos;
                    waiting.senderMac = f.srcMac;
                    waiting.dstMac = f.dstMac;
                    waiting.frame = f.frameNumber;
                    waiting.timeNanos = f.timestampNanos;
                    commit(waiting);
                    waiting.used = false;
                }
                return;
            }
        }
        Sighting free = freeWay(group, f.timestampNanos);
        free.fill(f, flows.openFlow(f.icmpQuotedSrc, f.icmpQuotedSrcPort, f.icmpQuotedDst,
                f.icmpQuotedDstPort));
    }

    /**
     * A way of the group for a new error: an unused one, else one whose window has passed (summed now, as not
     * relayed), else the oldest, summed as not relayed before its window closed and counted in
     * {@link #decidedEarly()}.
     */
    private Sighting freeWay(int group, long nowNanos) {
        Sighting oldest = null;
        for (int way = 0; way < WAYS; way++) {
            Sighting candidate = pending[group + way];
            if (!candidate.used) {
                return candidate;
            }
            if (oldest == null || candidate.timeNanos < oldest.timeNanos) {
                oldest = candidate;
            }
        }
        if (nowNanos - oldest.timeNanos <= WINDOW_NANOS) {
            decidedEarly++;
        }
        commit(oldest);
        return oldest;
    }

    /** Sums every error still waiting for a relayed copy as not relayed. */
    public void finish() {
        for (Sighting waiting : pending) {
            if (waiting.used) {
                commit(waiting);
                waiting.used = false;
            }
        }
    }

    /**
     * An independent copy for an interim report at capture time {@code nowNanos}: errors that waited longer than
     * the window count as not relayed, younger ones are left out until their outcome is known.
     */
    public IcmpErrorLedger snapshot(long nowNanos) {
        IcmpErrorLedger copy = new IcmpErrorLedger(losses);
        for (IcmpErrorShape shape : shapes) {
            copy.shapes.add(new IcmpErrorShape(shape));
        }
        copy.index.copyFrom(index);
        copy.overflow = overflow;
        copy.decidedEarly = decidedEarly;
        copy.leftOutForLoss = leftOutForLoss;
        for (Sighting waiting : pending) {
            if (waiting.used && nowNanos - waiting.timeNanos > WINDOW_NANOS) {
                copy.commit(waiting);
            }
        }
        return copy;
    }

    /** Every kind of error seen (errors still waiting for a relayed copy are not in it yet). */
    public List<IcmpErrorShape> shapes() {
        return Collections.unmodifiableList(shapes);
    }

    /** Errors not kept because the ledger was full. */
    public long overflow() {
        return overflow;
    }

    /**
     * Errors summed as not relayed before their relayed copy could have come: more errors arrived within
     * {@link #WINDOW_NANOS} than the waiting table holds (a burst of thousands). Some of them may have been
     * relayed after all.
     */
    public long decidedEarly() {
        return decidedEarly;
    }

    /** Errors left out because their relayed copy may have been lost by the capture. */
    public long leftOutForLoss() {
        return leftOutForLoss;
    }

    /** Sums one error into its shape; the sighting itself is left as it is. */
    private void commit(Sighting s) {
        if (!s.relayed && losses.overlaps(s.timeNanos, s.timeNanos + WINDOW_NANOS)) {
            leftOutForLoss++;
            return;
        }
        long macs = KeyIndex.mix(s.senderMac * 0x9E3779B97F4A7C15L + s.dstMac);
        macs = KeyIndex.mix(macs ^ s.relayDstMac * 0xC2B2AE3D27D4EB4FL ^ s.flowReceiverMac);
        long a = KeyIndex.mix(macs ^ (((long) s.senderIp << 32) | (s.serverIp & 0xffff_ffffL)));
        long b = KeyIndex.mix(((long) s.dstIp << 32) ^ ((long) s.type << 24) ^ ((long) s.code << 16) ^ s.serverPort
                ^ ((long) s.protocol << 56) ^ (s.relayed ? 1L << 48 : 0) ^ (s.aboutServerPacket ? 1L << 49 : 0)) ^ macs;
        int id = index.get(a, b);
        if (id >= 0 && shapes.get(id).matches(s)) {
            shapes.get(id).add(s);
            return;
        }
        if (id >= 0 || !index.put(a, b, shapes.size())) {
            overflow++;
            return;
        }
        IcmpErrorShape shape = new IcmpErrorShape(s);
        shape.add(s);
        shapes.add(shape);
    }

    /** The first of the {@link #WAYS} slots where the error waits. */
    private static int groupOf(DecodedFrame f) {
        long a = ((long) f.ipSrc << 32) ^ (f.ipDst & 0xffff_ffffL);
        long b = ((long) f.ipId << 32) ^ ((long) f.icmpQuotedSrcPort << 16) ^ f.icmpQuotedDstPort;
        return (int) KeyIndex.mix(a ^ KeyIndex.mix(b)) & (PENDING_SLOTS - WAYS);
    }

    /** One error as first seen, with its outcome once known; reused, never kept by a shape. */
    static final class Sighting {
        boolean used;
        long frame;
        long timeNanos;
        long senderMac;
        long dstMac;
        int senderIp;
        int dstIp;
        int ipId;
        int type;
        int code;
        int mtu;
        int protocol;
        int quotedSrc;
        int quotedDst;
        int quotedSrcPort;
        int quotedDstPort;
        long flowReceiverMac;
        int serverIp;
        int serverPort;
        int clientIp;
        int clientPort;
        boolean aboutServerPacket;
        boolean relayed;
        long relayDstMac;
        long relayFrame;
        long relayTimeNanos;

        void fill(DecodedFrame f, FlowView flow) {
            used = true;
            frame = f.frameNumber;
            timeNanos = f.timestampNanos;
            senderMac = f.srcMacKnown ? f.srcMac : 0;
            dstMac = f.dstMacKnown ? f.dstMac : 0;
            senderIp = f.ipSrc;
            dstIp = f.ipDst;
            ipId = f.ipId;
            type = f.icmpType;
            code = f.icmpCode;
            mtu = f.icmpNextHopMtu;
            protocol = f.icmpQuotedProtocol;
            quotedSrc = f.icmpQuotedSrc;
            quotedDst = f.icmpQuotedDst;
            quotedSrcPort = f.icmpQuotedSrcPort;
            quotedDstPort = f.icmpQuotedDstPort;
            relayed = false;
            relayDstMac = 0;
            relayFrame = 0;
            relayTimeNanos = 0;
            if (flow != null) {
                clientIp = flow.clientIp();
                clientPort = flow.clientPort();
                serverIp = flow.serverIp();
                serverPort = flow.serverPort();
                flowReceiverMac = flow.receiverMac();
                aboutServerPacket = quotedSrc != clientIp || quotedSrcPort != clientPort;
            } else {
                aboutServerPacket = quotedSrcPort < quotedDstPort;
                serverIp = aboutServerPacket ? quotedSrc : quotedDst;
                serverPort = aboutServerPacket ? quotedSrcPort : quotedDstPort;
                clientIp = aboutServerPacket ? quotedDst : quotedSrc;
                clientPort = aboutServerPacket ? quotedDstPort : quotedSrcPort;
                flowReceiverMac = 0;
            }
        }

        boolean isSamePacket(DecodedFrame f) {
            return senderIp == f.ipSrc && dstIp == f.ipDst && ipId == f.ipId && type == f.icmpType
                    && code == f.icmpCode && quotedSrc == f.icmpQuotedSrc && quotedDst == f.icmpQuotedDst
                    && quotedSrcPort == f.icmpQuotedSrcPort && quotedDstPort == f.icmpQuotedDstPort;
        }

        /**
         * True when this sighting is the relayed copy of {@code f}: merged captures whose clocks differ by a few
         * milliseconds can show the copy after a hop before the original.
         */
        boolean isRelayOf(DecodedFrame f) {
            return f.dstMacKnown && dstMac != 0 && f.dstMac == senderMac && f.srcMac != dstMac;
        }

        /** True when {@code f} is this error sent on by the host it was addressed to. */
        boolean isRelayedBy(DecodedFrame f) {
            if (f.dstMacKnown && dstMac != 0) {
                return f.srcMac == dstMac && f.dstMac != dstMac;
            }
            return f.srcMacKnown && senderMac != 0 && f.srcMac != senderMac;
        }
    }
}
