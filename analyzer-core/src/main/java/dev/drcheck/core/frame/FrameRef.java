package dev.drcheck.core.frame;

/**
 * A frame reference: a frame number within its capture, and which capture it comes from when several capture
 * points are merged. Packed into one long (source in the top 15 bits, frame number in the low 48) so that the
 * per-frame path carries it without allocating; for a single capture it is simply the frame number.
 */
public final class FrameRef {
    private static final int FRAME_BITS = 48;
    private static final long FRAME_MASK = (1L << FRAME_BITS) - 1;

    private FrameRef() {
    }

    /** The reference to frame {@code frame} (1-based) of capture number {@code source} (0-based). */
    public static long of(int source, long frame) {
        return ((long) source << FRAME_BITS) | (frame & FRAME_MASK);
    }

    /** The 1-based frame number within its capture. */
    public static long frame(long ref) {
        return ref & FRAME_MASK;
    }

    /** The 0-based index of the capture the frame comes from. */
    public static int source(long ref) {
        return (int) (ref >>> FRAME_BITS);
    }
}
