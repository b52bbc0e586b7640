package dev.drcheck.core.track;

import dev.drcheck.core.decode.DecodedFrame;
import dev.drcheck.core.decode.FrameDecoder;
import dev.drcheck.core.decode.Layer;

/**
 * Finds the same IP packet seen before and after a forwarding hop: a director re-emitting a client's frame to a
 * real server, or any host relaying a frame it received.
 *
 * <p>Two sightings are the same packet when source IP, source port, IP id, protocol, TCP sequence and
 * acknowledgement numbers, TCP flags and payload length agree, the second's source MAC is the first's destination
 * MAC, and they are at most {@link #WINDOW_NANOS} apart. In a Linux cooked capture, which has no destination
 * MACs, a new source MAC on the same packet marks the hop, and the MAC it was sent to stays unknown (0). Destination IP, destination port, TTL and payload are
 * left out of the match so that a hop that rewrites them is still caught, and compared afterwards by the checks.
 *
 * <p>State is a fixed direct-mapped table of recent sightings: bounded, and nothing is allocated per frame.
 */
public final class LegMatcher {
    /** How far apart two sightings of one packet may be. */
    public static final long WINDOW_NANOS = 200_000_000L;

    private static final int SLOTS = 1 << 16;
    private static final int MASK = SLOTS - 1;

    private final long[] keyA = new long[SLOTS];
    private final long[] keyB = new long[SLOTS];
    private final boolean[] used = new boolean[SLOTS];
    private final long[] frame = new long[SLOTS];
    private final long[] timestamp = new long[SLOTS];
    private final long[] srcMac = new long[SLOTS];
    private final long[] dstMac = new long[SLOTS];
    private final int[] dstIp = new int[SLOTS];
    private final int[] dstPort = new int[SLOTS];
    private final int[] ttl = new int[SLOTS];
    private final long[] payloadHash = new long[SLOTS];
    private long pairs;

    /**
     * Matches an IPv4 TCP or UDP frame against recent sightings and remembers it.
     *
     * @param f the decoded frame
     * @param pair filled when the frame is the second sighting of a packet
     * @return true when {@code f} and an earlier sighting are the same packet on both sides of a hop
     */
    public boolean match(DecodedFrame f, LegPair pair) {
        if (f.layer != Layer.TCP && f.layer != Layer.UDP) {
            return false;
        }
        boolean tcp = f.layer == Layer.TCP;
        long seq = tcp ? f.tcpSeq : 0;
        long ack = tcp ? f.tcpAck : 0;
        long flags = tcp ? f.tcpFlags : 0;
        long a = ((long) f.ipSrc << 32) | ((long) f.srcPort << 16) | f.ipId;
        long b = (seq << 32) ^ (ack * 0x9E3779B97F4A7C15L) ^ ((long) f.payloadLength << 8) ^ (flags << 1)
                ^ f.ipProtocol;
        int slot = (int) KeyIndex.mix(a ^ KeyIndex.mix(b)) & MASK;
        long hash = FrameDecoder.payloadHash(f);
        boolean sameKey = used[slot] && keyA[slot] == a && keyB[slot] == b
                && Math.abs(f.timestampNanos - timestamp[slot]) <= WINDOW_NANOS;
        boolean matched = false;
        if (sameKey && f.dstMacKnown) {
            if (dstMac[slot] == f.srcMac && dstMac[slot] != f.dstMac) {
                fillForward(f, slot, hash, dstMac[slot], pair);
                matched = true;
            } else if (f.dstMac == srcMac[slot] && f.dstMac != dstMac[slot]) {
                fillSwapped(f, slot, hash, pair);
                pairs++;
                return true;
            }
        } else if (sameKey && f.srcMacKnown && srcMac[slot] != f.srcMac) {
            fillForward(f, slot, hash, f.srcMac, pair);
            matched = true;
        }
        if (matched) {
            pairs++;
        }
        used[slot] = true;
        keyA[slot] = a;
        keyB[slot] = b;
        frame[slot] = f.frameNumber;
        timestamp[slot] = f.timestampNanos;
        srcMac[slot] = f.srcMac;
        dstMac[slot] = f.dstMac;
        dstIp[slot] = f.ipDst;
        dstPort[slot] = f.dstPort;
        ttl[slot] = f.ttl;
        payloadHash[slot] = hash;
        return matched;
    }

    /**
     * The stored sighting is the copy before the hop, {@code f} the copy after it, forwarded by {@code relay}
     * (the stored copy's destination MAC; or, in a cooked capture without destination MACs, {@code f}'s new
     * source MAC).
     */
    private void fillForward(DecodedFrame f, int slot, long hash, long relay, LegPair pair) {
        pair.beforeFrame = frame[slot];
        pair.beforeTimestampNanos = timestamp[slot];
        pair.beforeSrcMac = srcMac[slot];
        pair.relayMac = relay;
        pair.beforeDstIp = dstIp[slot];
        pair.beforeDstPort = dstPort[slot];
        pair.beforeTtl = ttl[slot];
        pair.beforePayloadHash = payloadHash[slot];
        pair.afterFrame = f.frameNumber;
        pair.afterTimestampNanos = f.timestampNanos;
        pair.afterDstMac = f.dstMac;
        pair.afterDstIp = f.ipDst;
        pair.afterDstPort = f.dstPort;
        pair.afterTtl = f.ttl;
        pair.afterPayloadHash = hash;
        pair.srcIp = f.ipSrc;
        pair.srcPort = f.srcPort;
        pair.ipProtocol = f.ipProtocol;
    }

    /**
     * The earlier sighting in the stream is the copy after the hop: merged captures whose clocks differ by a
     * few milliseconds can show the forwarded copy first. The pair is reported the right way round; the
     * stored sighting is kept, as it is the later hop.
     */
    private void fillSwapped(DecodedFrame f, int slot, long hash, LegPair pair) {
        pair.beforeFrame = f.frameNumber;
        pair.beforeTimestampNanos = f.timestampNanos;
        pair.beforeSrcMac = f.srcMac;
        pair.relayMac = f.dstMac;
        pair.beforeDstIp = f.ipDst;
        pair.beforeDstPort = f.dstPort;
        pair.beforeTtl = f.ttl;
        pair.beforePayloadHash = hash;
        pair.afterFrame = frame[slot];
        pair.afterTimestampNanos = timestamp[slot];
        pair.afterDstMac = dstMac[slot];
        pair.afterDstIp = dstIp[slot];
        pair.afterDstPort = dstPort[slot];
        pair.afterTtl = ttl[slot];
        pair.afterPayloadHash = payloadHash[slot];
        pair.srcIp = f.ipSrc;
        pair.srcPort = f.srcPort;
        pair.ipProtocol = f.ipProtocol;
    }

    /** Number of pairs found so far. */
    public long pairs() {
        return pairs;
    }
}
