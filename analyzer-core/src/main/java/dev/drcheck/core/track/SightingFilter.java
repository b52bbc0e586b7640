package dev.drcheck.core.track;

import dev.drcheck.core.decode.DecodedFrame;

/**
 * Recognises a packet seen again at another capture point: the same network-layer bytes sent by the same MAC
 * within {@link #WINDOW_NANOS}. That happens when captures taken on several hosts are merged, and within one
 * {@code tcpdump -i any} capture, which records a packet once on every interface it crosses. The repeated
 * sighting is one packet, not a duplicate or a retransmission, so it is not tracked again.
 *
 * <p>A frame a host re-emits after rewriting anything (a director's new destination MAC, or a new source MAC
 * in a cooked capture) differs in the hashed bytes or MACs and is not a repeat. The capture hosts' clocks are
 * assumed to agree within the window; state is a fixed table, nothing is allocated per frame.
 */
public final class SightingFilter {
    /** How far apart two sightings of one packet may be. */
    public static final long WINDOW_NANOS = 50_000_000L;

    private static final int SLOTS = 1 << 14;
    private static final int HASHED_BYTES = 256;

    private final long[] keys = new long[SLOTS];
    private final long[] times = new long[SLOTS];
    private final boolean[] used = new boolean[SLOTS];

    /** True when {@code f} is a packet already seen within the window; remembers it otherwise. */
    public boolean isRepeat(DecodedFrame f) {
        if (f.networkOffset < 0) {
            return false;
        }
        long key = 0xcbf29ce484222325L ^ f.srcMac ^ (f.dstMacKnown ? f.dstMac * 0x9E3779B97F4A7C15L : 0);
        int end = Math.min(f.capturedEnd, f.networkOffset + HASHED_BYTES);
        byte[] data = f.data;
        for (int i = f.networkOffset; i < end; i++) {
            key = (key ^ (data[i] & 0xff)) * 0x100000001b3L;
        }
        int slot = (int) KeyIndex.mix(key) & (SLOTS - 1);
        boolean repeat = used[slot] && keys[slot] == key
                && Math.abs(f.timestampNanos - times[slot]) <= WINDOW_NANOS;
        if (repeat) {
            return true;
        }
        used[slot] = true;
        keys[slot] = key;
        times[slot] = f.timestampNanos;
        return false;
    }
}
