package dev.drcheck.core.capture;

import java.util.Arrays;

/**
 * Turns the TCP sequence and acknowledgement numbers tcpdump printed back into the numbers on the wire.
 *
 * <p>Without {@code -S}, tcpdump prints numbers relative to a per-conversation base, and it chooses that base by a
 * fixed rule (print-tcp.c): for a segment with the ACK flag, it looks the conversation (both addresses and ports,
 * either direction) up; when absent, or when the segment also has SYN, it prints the numbers as they are and records
 * them as the base (this side's sequence number, and the acknowledgement number minus one for the other side);
 * otherwise it prints them minus the base. Segments without ACK are always printed as they are. Replaying that rule
 * over the same lines in the same order recovers every base, so the absolute numbers come back exactly, as long as
 * the text holds every line tcpdump printed for the conversation.
 *
 * <p>Whether a text was printed with {@code -S} is not written anywhere; it is decided once, at the first segment
 * that tcpdump would have printed relative: relative numbers are small, absolute ones are close to the base.
 *
 * <p>tcpdump omits the sequence number of a segment without data, SYN, FIN or RST. Such a segment gets the next
 * sequence number its sender was expected to use (the last printed sequence number plus the data length, plus one
 * for SYN and FIN), which is what a TCP stack sends on a pure ACK.
 *
 * <p>State is a flat open-addressing table; it grows up to {@value #MAX_CONVERSATIONS} conversations and is
 * cleared when full (counted in {@link #resets()}).
 */
final class TcpdumpTextSequences {
    static final int MAX_CONVERSATIONS = 1 << 20;
    private static final long UNSET = -1L;
    private static final long MASK32 = 0xffff_ffffL;

    /** The -S decision: 0 undecided, 1 relative (no -S), 2 absolute (-S). */
    private int mode;
    private int capacity = 1 << 10;
    private int size;
    private long resets;
    private boolean[] used = new boolean[capacity];
    private long[] addresses = new long[capacity];
    private long[] ports = new long[capacity];
    /** Sequence base of the lower endpoint (ordered as tcpdump orders them); UNSET when no ACK segment was seen. */
    private long[] baseLow = new long[capacity];
    private long[] baseHigh = new long[capacity];
    /** Next expected sequence number sent by the lower / higher endpoint, UNSET when unknown. */
    private long[] nextLow = new long[capacity];
    private long[] nextHigh = new long[capacity];

    /** Absolute sequence number of the last segment resolved. */
    long seq;
    /** Absolute acknowledgement number of the last segment resolved (0 without ACK). */
    long ack;

    /**
     * Resolves one segment's numbers into {@link #seq} and {@link #ack}.
     *
     * @param printedSeq the sequence number as printed, or -1 when the line has none
     * @param printedAck the acknowledgement number as printed, or -1 when the line has none
     */
    void resolve(int srcIp, int srcPort, int dstIp, int dstPort, int flags, long printedSeq, long printedAck,
                 int dataLength) {
        boolean rev = srcPort > dstPort || (srcPort == dstPort && Integer.compareUnsigned(srcIp, dstIp) > 0);
        int lowIp = rev ? dstIp : srcIp;
        int highIp = rev ? srcIp : dstIp;
        int lowPort = rev ? dstPort : srcPort;
        int highPort = rev ? srcPort : dstPort;
        int slot = find(((long) lowIp << 32) | (highIp & MASK32), ((long) lowPort << 16) | highPort);
        boolean hasAck = (flags & 0x10) != 0;
        boolean syn = (flags & 0x02) != 0;
        long s = printedSeq;
        long a = hasAck ? Math.max(printedAck, 0) : 0;
        long[] ownBase = rev ? baseHigh : baseLow;
        long[] peerBase = rev ? baseLow : baseHigh;
        long[] ownNext = rev ? nextHigh : nextLow;
        if (hasAck) {
            if (ownBase[slot] == UNSET || syn) {
                // tcpdump printed these as they are and made them the base.
                if (s >= 0) {
                    ownBase[slot] = s;
                } else if (ownNext[slot] != UNSET) {
                    ownBase[slot] = ownNext[slot];
                } else {
                    ownBase[slot] = 0;
                }
                peerBase[slot] = (a - 1) & MASK32;
            } else if (isRelative(a, peerBase[slot])) {
                if (s >= 0) {
                    s = (s + ownBase[slot]) & MASK32;
                }
                a = (a + peerBase[slot]) & MASK32;
            }
        }
        if (s < 0) {
            s = ownNext[slot] == UNSET ? 0 : ownNext[slot];
        }
        long consumed = dataLength + (syn ? 1 : 0) + ((flags & 0x01) != 0 ? 1 : 0);
        ownNext[slot] = (s + consumed) & MASK32;
        seq = s;
        ack = a;
    }

    private boolean isRelative(long printedAck, long base) {
        if (mode == 0) {
            long distanceIfAbsolute = (printedAck - base) & MASK32;
            mode = printedAck <= distanceIfAbsolute ? 1 : 2;
        }
        return mode == 1;
    }

    /** How many times the table was full and cleared. */
    long resets() {
        return resets;
    }

    private int find(long addressKey, long portKey) {
        int mask = capacity - 1;
        int slot = (int) mix(addressKey * 31 + portKey) & mask;
        while (used[slot]) {
            if (addresses[slot] == addressKey && ports[slot] == portKey) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        if ((size + 1) * 2 > capacity) {
            if (capacity >= MAX_CONVERSATIONS * 2) {
                clear();
            } else {
                grow();
            }
            return find(addressKey, portKey);
        }
        used[slot] = true;
        addresses[slot] = addressKey;
        ports[slot] = portKey;
        baseLow[slot] = UNSET;
        baseHigh[slot] = UNSET;
        nextLow[slot] = UNSET;
        nextHigh[slot] = UNSET;
        size++;
        return slot;
    }

    private void clear() {
        Arrays.fill(used, false);
        size = 0;
        resets++;
    }

    private void grow() {
        boolean[] oldUsed = used;
        long[] oldAddresses = addresses;
        long[] oldPorts = ports;
        long[] oldBaseLow = baseLow;
        long[] oldBaseHigh = baseHigh;
        long[] oldNextLow = nextLow;
        long[] oldNextHigh = nextHigh;
        capacity *= 2;
        used = new boolean[capacity];
        addresses = new long[capacity];
        ports = new long[capacity];
        baseLow = new long[capacity];
        baseHigh = new long[capacity];
        nextLow = new long[capacity];
        nextHigh = new long[capacity];
        size = 0;
        for (int i = 0; i < oldUsed.length; i++) {
            if (oldUsed[i]) {
                int slot = find(oldAddresses[i], oldPorts[i]);
                baseLow[slot] = oldBaseLow[i];
                baseHigh[slot] = oldBaseHigh[i];
                nextLow[slot] = oldNextLow[i];
                nextHigh[slot] = oldNextHigh[i];
            }
        }
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }
}
