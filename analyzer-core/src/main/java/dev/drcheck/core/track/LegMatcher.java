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
 * MACs, a new source MAC on the same packet marks the hop, and the MAC it was sent to stays unknown (0).
 * Destination IP, destination port, TTL and payload are left out of the match so that a hop that rewrites them is
 * still caught, and compared afterwards by the checks.
 *
 * <p>State is a fixed direct-mapped table of recent sightings, one 64-byte record (eight longs) per slot so that a
 * lookup touches one cache line: bounded, and nothing is allocated per frame.
 */
public final class LegMatcher {
    /** How far apart two sightings of one packet may be. */
    public static final long WINDOW_NANOS = 200_000_000L;

    private static final int SLOTS = 1 << 16;
    private static final int MASK = SLOTS - 1;
    private static final int STRIDE = 8;
    private static final int KEY_A = 0;
    private static final int KEY_B = 1;
    private static final int FRAME = 2;
    private static final int TIME = 3;
    private static final int SRC_MAC = 4;
    private static final int DST_MAC = 5;
    private static final int DESTINATION = 6;
    private static final int PAYLOAD = 7;

    private final long[] slots = new long[SLOTS * STRIDE];
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
        int at = ((int) KeyIndex.mix(a ^ KeyIndex.mix(b)) & MASK) * STRIDE;
        long[] t = slots;
        long hash = FrameDecoder.payloadHash(f);
        boolean sameKey = t[at + FRAME] != 0 && t[at + KEY_A] == a && t[at + KEY_B] == b
                && Math.abs(f.timestampNanos - t[at + TIME]) <= WINDOW_NANOS;
        boolean matched = false;
        if (sameKey && f.dstMacKnown) {
            long storedDst = t[at + DST_MAC];
            if (storedDst == f.srcMac && storedDst != f.dstMac) {
                fillForward(f, at, hash, storedDst, pair);
                matched = true;
            } else if (f.dstMac == t[at + SRC_MAC] && f.dstMac != storedDst) {
                fillSwapped(f, at, hash, pair);
                pairs++;
                return true;
            }
        } else if (sameKey && f.srcMacKnown && t[at + SRC_MAC] != f.srcMac) {
            fillForward(f, at, hash, f.srcMac, pair);
            matched = true;
        }
        if (matched) {
            pairs++;
        }
        t[at + KEY_A] = a;
        t[at + KEY_B] = b;
        t[at + FRAME] = f.frameNumber;
        t[at + TIME] = f.timestampNanos;
        t[at + SRC_MAC] = f.srcMac;
        t[at + DST_MAC] = f.dstMac;
        t[at + DESTINATION] = destination(f.ipDst, f.dstPort, f.ttl);
        t[at + PAYLOAD] = hash;
        return matched;
    }

    /** Number of pairs found so far. */
    public long pairs() {
        return pairs;
    }

    /**
     * The stored sighting is the copy before the hop, {@code f} the copy after it, forwarded by {@code relay}
     * (the stored copy's destination MAC; or, in a cooked capture without destination MACs, {@code f}'s new
     * source MAC).
     */
    private void fillForward(DecodedFrame f, int at, long hash, long relay, LegPair pair) {
        long[] t = slots;
        long destination = t[at + DESTINATION];
        pair.beforeFrame = t[at + FRAME];
        pair.beforeTimestampNanos = t[at + TIME];
        pair.beforeSrcMac = t[at + SRC_MAC];
        pair.relayMac = relay;
        pair.beforeDstIp = (int) (destination >>> 32);
        pair.beforeDstPort = (int) (destination >>> 16) & 0xffff;
        pair.beforeTtl = (int) destination & 0xff;
        pair.beforePayloadHash = t[at + PAYLOAD];
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
    private void fillSwapped(DecodedFrame f, int at, long hash, LegPair pair) {
        long[] t = slots;
        long destination = t[at + DESTINATION];
        pair.beforeFrame = f.frameNumber;
        pair.beforeTimestampNanos = f.timestampNanos;
        pair.beforeSrcMac = f.srcMac;
        pair.relayMac = f.dstMac;
        pair.beforeDstIp = f.ipDst;
        pair.beforeDstPort = f.dstPort;
        pair.beforeTtl = f.ttl;
        pair.beforePayloadHash = hash;
        pair.afterFrame = t[at + FRAME];
        pair.afterTimestampNanos = t[at + TIME];
        pair.afterDstMac = t[at + DST_MAC];
        pair.afterDstIp = (int) (destination >>> 32);
        pair.afterDstPort = (int) (destination >>> 16) & 0xffff;
        pair.afterTtl = (int) destination & 0xff;
        pair.afterPayloadHash = t[at + PAYLOAD];
        pair.srcIp = f.ipSrc;
        pair.srcPort = f.srcPort;
        pair.ipProtocol = f.ipProtocol;
    }

    private static long destination(int ip, int port, int ttl) {
        return ((long) ip << 32) | ((long) port << 16) | ttl;
    }
}
