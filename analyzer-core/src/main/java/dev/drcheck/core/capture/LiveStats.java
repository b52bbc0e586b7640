package dev.drcheck.core.capture;

/**
 * Packet statistics of a live capture as libpcap reports them (pcap_stats).
 *
 * @param received packets the capture received (on Linux: that passed the filter)
 * @param droppedByKernel packets the kernel dropped because the capture buffer was full
 * @param droppedByInterface packets the interface or its driver dropped
 */
public record LiveStats(long received, long droppedByKernel, long droppedByInterface) {
    /** No statistics (yet). */
    public static final LiveStats NONE = new LiveStats(0, 0, 0);
}
