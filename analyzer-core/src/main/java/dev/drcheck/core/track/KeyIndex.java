package dev.drcheck.core.track;

import java.util.Arrays;

/**
 * An open-addressing hash index from a 128-bit key (two longs) to a non-negative int, with removal, so that
 * trackers can find their per-key state without allocating a key object per frame.
 *
 * <p>Linear probing with backward-shift deletion; the table doubles up to {@code maxEntries} and refuses
 * further keys after that ({@link #put} returns false), so memory stays bounded.
 */
final class KeyIndex {
    private static final int EMPTY = -1;

    private final int maxEntries;
    private long[] keysA;
    private long[] keysB;
    private int[] values;
    private int mask;
    private int size;

    KeyIndex(int initialCapacity, int maxEntries) {
        int capacity = Integer.highestOneBit(Math.max(16, initialCapacity) - 1) << 1;
        this.maxEntries = maxEntries;
        allocate(capacity);
    }

    /** The value stored for the key, or -1. */
    int get(long a, long b) {
        int slot = slotOf(a, b);
        while (values[slot] != EMPTY) {
            if (keysA[slot] == a && keysB[slot] == b) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return EMPTY;
    }

    /**
     * Stores {@code value} for the key, replacing any earlier value.
     *
     * @return false when the key is new and the index is full
     */
    boolean put(long a, long b, int value) {
        int slot = slotOf(a, b);
        while (values[slot] != EMPTY) {
            if (keysA[slot] == a && keysB[slot] == b) {
                values[slot] = value;
                return true;
            }
            slot = (slot + 1) & mask;
        }
        if (size >= maxEntries) {
            return false;
        }
        keysA[slot] = a;
        keysB[slot] = b;
        values[slot] = value;
        size++;
        if (size * 2 > values.length) {
            grow();
        }
        return true;
    }

    /** Removes the key if present. */
    void remove(long a, long b) {
        int slot = slotOf(a, b);
        while (values[slot] != EMPTY) {
            if (keysA[slot] == a && keysB[slot] == b) {
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
        keysA = other.keysA.clone();
        keysB = other.keysB.clone();
        values = other.values.clone();
        mask = other.mask;
        size = other.size;
    }

    private void deleteAt(int slot) {
        int hole = slot;
        int next = (hole + 1) & mask;
        while (values[next] != EMPTY) {
            int home = slotOf(keysA[next], keysB[next]);
            boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
            if (movable) {
                keysA[hole] = keysA[next];
                keysB[hole] = keysB[next];
                values[hole] = values[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        values[hole] = EMPTY;
    }

    private void grow() {
        long[] oldA = keysA;
        long[] oldB = keysB;
        int[] oldValues = values;
        allocate(oldValues.length * 2);
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != EMPTY) {
                int slot = slotOf(oldA[i], oldB[i]);
                while (values[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keysA[slot] = oldA[i];
                keysB[slot] = oldB[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private void allocate(int capacity) {
        keysA = new long[capacity];
        keysB = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, EMPTY);
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
