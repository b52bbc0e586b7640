package dev.drcheck.core.report;

/**
 * What the capture lost, and what the checks left out because of it: a flow or an ICMP error that a lost frame
 * may have changed is not judged, so that loss never turns into a finding.
 *
 * @param droppedByKernel frames the operating system dropped (libpcap's kernel drops, pcapng isb_osdrop)
 * @param droppedByInterface frames the interface or its driver dropped (libpcap's ps_ifdrop, pcapng isb_ifdrop)
 * @param flowsLeftOutForLoss TCP flows left out because they were open while frames were lost
 * @param flowsWithGaps TCP flows left out because the capture misses one of their frames (a sequence jump, data
 *                      acknowledged but never captured, a missing SYN-ACK)
 * @param icmpErrorsLeftOut ICMP errors not judged because their relayed copy may have been lost
 */
public record LossStats(long droppedByKernel, long droppedByInterface, long flowsLeftOutForLoss, long flowsWithGaps,
                        long icmpErrorsLeftOut) {
    /** Nothing lost, nothing left out. */
    public static final LossStats NONE = new LossStats(0, 0, 0, 0, 0);

    /** Frames the capture reports lost. */
    public long framesDropped() {
        return droppedByKernel + droppedByInterface;
    }

    /** Flows left out of the checks, for loss or gaps. */
    public long flowsLeftOut() {
        return flowsLeftOutForLoss + flowsWithGaps;
    }

    /** True when frames were lost or something was left out, so a fault may be hidden. */
    public boolean any() {
        return framesDropped() > 0 || flowsLeftOut() > 0 || icmpErrorsLeftOut > 0;
    }
}
