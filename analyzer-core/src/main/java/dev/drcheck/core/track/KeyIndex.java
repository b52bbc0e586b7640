package dev.drcheck.core.track;

/**
 * An open-addressing hash index from a 128-bit key (two longs) to a non-negative int, with removal, so that
 * trackers can find their per-key state without allocating a key object per frame.
 *
 * <p>Linear probing with backward-shift deletion. Each slot's key and value sit side by side in one array
 * (three longs), so a probe touches one cache line instead of three. The table doubles when half full, up to
 * {@code maxEntries} keys, and refuses further keys after that ({@link #put} returns false), so memory stays
 * bounded.
 */
final class KeyIndex {
    private static final int EMPTY = -1;
    private static final int STRIDE = 3;

    private final int maxEntries;
    private long[] table;
    private int mask;
    private int size;

    KeyIndex(int initialCapacity, int maxEntries) {
        int capacity = Integer.highestOneBit(Math.max(16, initialCapacity) - 1) << 1;
        this.maxEntries = maxEntries;
        allocate(capacity);
    }

    /** The value stored for the key, or -1. */
    int get(long a, long b) {
        long[] t = table;
        int slot = slotOf(a, b);
        while (true) {
            int at = slot * STRIDE;
            long value = t[at + 2];
            if (value == EMPTY) {
                return EMPTY;
            }
            if (t[at] == a && t[at + 1] == b) {
                return (int) value;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Stores {@code value} for the key, replacing any earlier value.
     *
     * @return false when the key is new and the index is full
     */
    boolean put(long a, long b, int value) {
        int slot = slotOf(a, b);
        while (true) {
            int at = slot * STRIDE;
            if (table[at + 2] == EMPTY) {
                break;
            }
            if (table[at] == a && table[at + 1] == b) {
                table[at + 2] = value;
                return true;
            }
            slot = (slot + 1) & mask;
        }
        if (size >= maxEntries) {
            return false;
        }
        int at = slot * STRIDE;
        table[at] = a;
        table[at + 1] = b;
        table[at + 2] = value;
        size++;
        if (size * 2 > capacity()) {
            grow();
        }
        return true;
    }

    /** Removes the key if present. */
    void remove(long a, long b) {
        int slot = slotOf(a, b);
        while (table[slot * STRIDE + 2] != EMPTY) {
            int at = slot * STRIDE;
            if (table[at] == a && table[at + 1] == b) {
                deleteAt(slot);
                size--;
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Removes the key only if it maps to {@code value}. */
    void removeIfValue(long a, long b, int value) {
        if (get(a, b) == value) {
            remove(a, b);
        }
    }

    int size() {
        return size;
    }

    /** Makes this index hold exactly the entries of {@code other}. */
    void copyFrom(KeyIndex other) {
        table = other.table.clone();
        mask = other.mask;
        size = other.size;
    }

    /** Removes every entry, keeping the table's size. */
    void clear() {
        for (int at = 2; at < table.length; at += STRIDE) {
            table[at] = EMPTY;
        }
        size = 0;
    }

    private int capacity() {
        return mask + 1;
    }

    private void deleteAt(int slot) {
        int hole = slot;
        int next = (hole + 1) & mask;
        while (table[next * STRIDE + 2] != EMPTY) {
            int at = next * STRIDE;
            int home = slotOf(table[at], table[at + 1]);
            boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
            if (movable) {
                System.arraycopy(table, at, table, hole * STRIDE, STRIDE);
                hole = next;
            }
            next = (next + 1) & mask;
        }
        table[hole * STRIDE + 2] = EMPTY;
    }

    private void grow() {
        long[] old = table;
        allocate(capacity() * 2);
        for (int at = 0; at < old.length; at += STRIDE) {
            if (old[at + 2] != EMPTY) {
                int slot = slotOf(old[at], old[at + 1]);
                while (table[slot * STRIDE + 2] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                System.arraycopy(old, at, table, slot * STRIDE, STRIDE);
            }
        }
    }

    private void allocate(int capacity) {
        table = new long[capacity * STRIDE];
        for (int at = 2; at < table.length; at += STRIDE) {
            table[at] = EMPTY;
        }
        mask = capacity - 1;
    }

    private int slotOf(long a, long b) {
        return (int) mix(a * 0x9E3779B97F4A7C15L ^ b) & mask;
    }

    /** A 64-bit finaliser (from SplitMix64) that spreads key bits over the slot bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
