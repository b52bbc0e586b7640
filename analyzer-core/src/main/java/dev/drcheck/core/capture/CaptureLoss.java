package dev.drcheck.core.capture;

/**
 * Frames a capture lost between two times, as the capture's own statistics report them: libpcap's counters of a
 * live capture, sampled while it runs, or the drop counts of a pcapng Interface Statistics Block. Which frames
 * were lost is unknown; only that they would have been captured between {@code fromNanos} and {@code toNanos}.
 *
 * @param fromNanos the earliest capture time a lost frame can have (nanoseconds since the Unix epoch)
 * @param toNanos the latest such time
 * @param droppedByKernel frames the operating system dropped (libpcap's ps_drop, pcapng isb_osdrop)
 * @param droppedByInterface frames the interface or its driver dropped (ps_ifdrop, isb_ifdrop)
 */
public record CaptureLoss(long fromNanos, long toNanos, long droppedByKernel, long droppedByInterface) {

    /** Frames lost in all. */
    public long dropped() {
        return droppedByKernel + droppedByInterface;
    }
}
