package dev.drcheck.core.capture;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A stream of captured frames: a capture file or a live interface.
 *
 * <p>A source never throws for damage inside the capture: it ends the stream and describes the damage in
 * {@link #damage()}, so that every frame before it is still analysed. It throws {@link CaptureFormatException}
 * only when it cannot start (not a capture, unsupported link type) and {@link IOException} when the operating
 * system fails a read.
 */
public interface FrameSource extends Closeable {

    /**
     * Fills {@code frame} with the next frame.
     *
     * @return false at the end of the capture, or where damage stops reading
     */
    boolean next(CapturedFrame frame) throws IOException;

    /**
     * What stopped reading early, if anything did; empty at a clean end of the capture, and always empty for
     * sources that cannot be damaged (live capture, tcpdump text).
     */
    default Optional<CaptureDamage> damage() {
        return Optional.empty();
    }

    /**
     * The damaged ranges this source stepped over so far, in file order, each followed by intact records that
     * were read; empty for most sources and for every undamaged capture. Complete once {@link #next} has
     * returned false. Unlike {@link #damage()}, none of them stopped reading.
     */
    default List<SkippedRange> skippedRanges() {
        return List.of();
    }

    /**
     * Frames the capture's own statistics say were lost (pcapng Interface Statistics Blocks), in file order;
     * empty for most sources. Complete once {@link #next} has returned false.
     */
    default List<CaptureLoss> losses() {
        return List.of();
    }

    /** A short name for reports, such as the file name. */
    String name();

    /**
     * What the reader wants the user to know about its input that is neither a frame nor damage, one line each,
     * such as tcpdump text lines it did not understand; empty for most sources.
     */
    default List<String> notes() {
        return List.of();
    }

    /**
     * The names of the captures this source reads, indexed as the source numbers in its frame references
     * ({@link dev.drcheck.core.frame.FrameRef}); one name unless captures are merged.
     */
    default List<String> captureNames() {
        return List.of(name());
    }
}
