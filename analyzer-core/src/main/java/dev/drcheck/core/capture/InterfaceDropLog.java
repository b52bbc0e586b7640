package dev.drcheck.core.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Turns the cumulative drop counters of pcapng Interface Statistics Blocks (isb_osdrop, isb_ifdrop) into
 * {@link CaptureLoss}es: each time an interface's counters grew, the frames dropped since its previous statistics
 * were lost after the frame read last before those (or the capture's start), at any time up to the end of the
 * capture, since a statistics block may be written long after the drops it counts. Bounded: past
 * {@link #MAX_LOSSES}, further losses are merged into the last one.
 */
final class InterfaceDropLog {
    /** Most losses kept apart. */
    static final int MAX_LOSSES = 1024;

    private final List<CaptureLoss> losses = new ArrayList<>();
    private long[] kernelDrops = new long[4];
    private long[] interfaceDrops = new long[4];
    private long[] reportedAfter = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};

    /**
     * Takes one interface's statistics.
     *
     * @param interfaceId the interface, already known to the reader
     * @param lastFrameNanos the time of the frame read last before the block ({@link Long#MIN_VALUE} when none)
     * @param osDrop isb_osdrop, or -1 when absent
     * @param ifDrop isb_ifdrop, or -1 when absent
     */
    void report(int interfaceId, long lastFrameNanos, long osDrop, long ifDrop) {
        grow(interfaceId);
        long kernel = osDrop < 0 ? 0 : Math.max(0, osDrop - kernelDrops[interfaceId]);
        long iface = ifDrop < 0 ? 0 : Math.max(0, ifDrop - interfaceDrops[interfaceId]);
        long from = reportedAfter[interfaceId];
        if (kernel > 0 || iface > 0) {
            if (losses.size() == MAX_LOSSES) {
                CaptureLoss last = losses.remove(MAX_LOSSES - 1);
                kernel += last.droppedByKernel();
                iface += last.droppedByInterface();
                from = Math.min(from, last.fromNanos());
            }
            losses.add(new CaptureLoss(from, Long.MAX_VALUE, kernel, iface));
        }
        kernelDrops[interfaceId] = Math.max(kernelDrops[interfaceId], osDrop);
        interfaceDrops[interfaceId] = Math.max(interfaceDrops[interfaceId], ifDrop);
        reportedAfter[interfaceId] = Math.max(reportedAfter[interfaceId], lastFrameNanos);
    }

    /** Forgets the interfaces: a new section numbers its interfaces from 0 again. */
    void newSection() {
        Arrays.fill(kernelDrops, 0);
        Arrays.fill(interfaceDrops, 0);
        Arrays.fill(reportedAfter, Long.MIN_VALUE);
    }

    /** The losses so far, in the order the blocks came. */
    List<CaptureLoss> losses() {
        return Collections.unmodifiableList(losses);
    }

    private void grow(int interfaceId) {
        if (interfaceId >= kernelDrops.length) {
            int size = Math.max(interfaceId + 1, kernelDrops.length * 2);
            int old = kernelDrops.length;
            kernelDrops = Arrays.copyOf(kernelDrops, size);
            interfaceDrops = Arrays.copyOf(interfaceDrops, size);
            reportedAfter = Arrays.copyOf(reportedAfter, size);
            Arrays.fill(reportedAfter, old, size, Long.MIN_VALUE);
        }
    }
}
