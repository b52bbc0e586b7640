package dev.drcheck.core.engine;

import dev.drcheck.core.capture.CaptureDamage;
import dev.drcheck.core.capture.CaptureLoss;
import dev.drcheck.core.capture.CapturedFrame;
import dev.drcheck.core.capture.LinkType;
import dev.drcheck.core.capture.SkippedRange;
import dev.drcheck.core.check.AnalysisContext;
import dev.drcheck.core.check.Check;
import dev.drcheck.core.check.CheckOutput;
import dev.drcheck.core.check.Checks;
import dev.drcheck.core.decode.AnomalyCounts;
import dev.drcheck.core.decode.DecodeAnomaly;
import dev.drcheck.core.decode.DecodedFrame;
import dev.drcheck.core.decode.FrameDecoder;
import dev.drcheck.core.report.CaptureStats;
import dev.drcheck.core.report.LossStats;
import dev.drcheck.core.report.Report;
import dev.drcheck.core.topology.DrTopology;
import dev.drcheck.core.topology.TopologyInference;
import dev.drcheck.core.topology.TopologyOverrides;
import dev.drcheck.core.track.ArpTable;
import dev.drcheck.core.track.FlowDirection;
import dev.drcheck.core.track.FlowLedger;
import dev.drcheck.core.track.FlowTracker;
import dev.drcheck.core.track.IcmpErrorLedger;
import dev.drcheck.core.track.LegLedger;
import dev.drcheck.core.track.LegMatcher;
import dev.drcheck.core.track.LegPair;
import dev.drcheck.core.track.LossWindows;
import dev.drcheck.core.track.SightingFilter;
import dev.drcheck.core.track.VrrpTracker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One analysis in progress: frames go in one at a time through decode and track, and {@link #finish} infers
 * the topology, runs the checks and builds the report. Per frame, nothing is allocated.
 */
public final class AnalysisSession {
    private TopologyOverrides overrides;
    private final List<String> captures;
    private final FrameDecoder decoder = new FrameDecoder();
    private final DecodedFrame frame = new DecodedFrame();
    private final AnomalyCounts anomalies = new AnomalyCounts();
    private final ArpTable arp = new ArpTable();
    private final VrrpTracker vrrp = new VrrpTracker();
    private final SightingFilter sightings = new SightingFilter();
    private final boolean merged;
    private final LegMatcher legMatcher = new LegMatcher();
    private final LegPair pair = new LegPair();
    private final LegLedger legs = new LegLedger();
    private final LossWindows losses = new LossWindows();
    private final FlowLedger flowLedger = new FlowLedger(losses);
    private final FlowTracker flows = new FlowTracker(flowLedger);
    private final IcmpErrorLedger icmpErrors = new IcmpErrorLedger(losses);

    private long frames;
    private long arpFrames;
    private long tcpFrames;
    private long udpFrames;
    private long icmpFrames;
    private long otherFrames;
    private long framesWithoutDestinationMac;
    private long framesWithoutMacs;
    private long firstTimestamp;
    private long lastTimestamp;

    /**
     * @param overrides topology elements the user gave
     * @param captures names of the captures the frames come from, indexed as their frame references
     */
    public AnalysisSession(TopologyOverrides overrides, List<String> captures) {
        this.overrides = overrides;
        this.captures = List.copyOf(captures);
        this.merged = captures.size() > 1;
    }

    /**
     * Decodes and tracks one frame. A packet already seen at another capture point (merged captures, or another
     * interface of a {@code tcpdump -i any} capture) is counted once.
     */
    public void accept(CapturedFrame raw) {
        boolean clean = decoder.decode(raw, frame);
        if ((merged || !frame.dstMacKnown) && sightings.isRepeat(frame)) {
            return;
        }
        if (frames == 0) {
            firstTimestamp = raw.timestampNanos;
        }
        frames++;
        lastTimestamp = raw.timestampNanos;
        if (!clean) {
            anomalies.record(frame.anomaly, frame.frameNumber);
        }
        if (!frame.dstMacKnown && frame.srcMacKnown) {
            framesWithoutDestinationMac++;
        } else if (LinkType.isIpOnly(raw.linkType)) {
            framesWithoutMacs++;
        }
        switch (frame.layer) {
            case ARP -> {
                arpFrames++;
                arp.onArp(frame);
            }
            case TCP -> {
                tcpFrames++;
                boolean relayed = legMatcher.match(frame, pair);
                FlowDirection direction = flows.onTcp(frame, relayed ? pair : null);
                if (relayed) {
                    legs.record(pair, direction);
                }
            }
            case UDP -> {
                udpFrames++;
                if (legMatcher.match(frame, pair)) {
                    legs.record(pair, FlowDirection.NONE);
                }
            }
            case ICMP -> {
                icmpFrames++;
                icmpErrors.onIcmp(frame, flows);
            }
            case VRRP -> {
                otherFrames++;
                vrrp.onAdvert(frame);
            }
            default -> otherFrames++;
        }
    }

    /**
     * Takes frames the capture lost ({@link CaptureLoss}): flows open and ICMP errors waiting during the loss are
     * left out of the checks, since a lost frame may have changed what they show. Call it as soon as the loss is
     * known, before the frames captured after it.
     */
    public void onLoss(CaptureLoss loss) {
        losses.add(loss);
        flowLedger.leaveOutFlowsSummedBefore(loss.fromNanos());
    }

    /**
     * Ends the analysis: retires every flow, infers the topology, runs every registered check.
     *
     * @param damage where the capture stopped early, if it did
     * @param readerNotes what the readers said about the input ({@link dev.drcheck.core.capture.FrameSource#notes()})
     */
    public Report finish(Optional<CaptureDamage> damage, List<String> readerNotes) {
        return finish(damage, readerNotes, List.of());
    }

    /**
     * As {@link #finish(Optional, List)}, also listing the damaged ranges the readers stepped over.
     *
     * @param skippedRanges {@link dev.drcheck.core.capture.FrameSource#skippedRanges()}
     */
    public Report finish(Optional<CaptureDamage> damage, List<String> readerNotes,
                         List<SkippedRange> skippedRanges) {
        flows.finish();
        icmpErrors.finish();
        return report(flowLedger, icmpErrors, damage, readerNotes, skippedRanges);
    }

    /**
     * An interim report of everything so far, counting flows still open as they stand; the session goes on
     * accepting frames. Costs a copy of the flow ledger, so call it periodically, not per frame.
     */
    public Report snapshot() {
        FlowLedger withOpenFlows = flowLedger.copy();
        flows.forEachLive(withOpenFlows);
        return report(withOpenFlows, icmpErrors.snapshot(lastTimestamp), Optional.empty(), List.of(), List.of());
    }

    /**
     * Replaces the topology elements the user gave, as when a live capture re-reads the cluster's configuration
     * after it changed; the next report infers the topology with them, from everything seen so far.
     */
    public void useOverrides(TopologyOverrides newOverrides) {
        this.overrides = newOverrides;
    }

    /** Frames accepted so far. */
    public long frames() {
        return frames;
    }

    /** TCP flows open now. */
    public int liveFlows() {
        return flows.liveFlows();
    }

    private Report report(FlowLedger ledger, IcmpErrorLedger errors, Optional<CaptureDamage> damage,
                          List<String> readerNotes, List<SkippedRange> skippedRanges) {
        DrTopology topology = new TopologyInference(overrides, arp, legs, ledger).infer();
        AnalysisContext context = new AnalysisContext(topology, arp, legs, ledger, errors, vrrp,
                framesWithoutDestinationMac, framesWithoutMacs);
        CheckOutput out = new CheckOutput();
        for (Check check : Checks.all()) {
            check.evaluate(context, out);
        }
        CaptureStats stats = new CaptureStats(String.join(" + ", captures), frames, arpFrames, tcpFrames,
                udpFrames, icmpFrames, otherFrames, firstTimestamp, lastTimestamp, flows.flowsOpened(),
                legMatcher.pairs(), anomalyMap(), damage, captures, readerNotes, skippedRanges,
                tableLimits(ledger, errors), new LossStats(losses.droppedByKernel(), losses.droppedByInterface(),
                ledger.leftOutForLoss(), ledger.leftOutForGaps(), errors.leftOutForLoss()));
        return new Report(topology, out.findings(), HandshakeTables.byRealServer(context), out.notObserved(), stats,
                HandshakeTables.byService(context), HandshakeTables.vipOwners(topology, arp));
    }

    /** What the bounded tables dropped, by what, only the non-zero counts. */
    private Map<String, Long> tableLimits(FlowLedger ledger, IcmpErrorLedger errors) {
        Map<String, Long> limits = new LinkedHashMap<>();
        putIfNonZero(limits, "flows evicted (flow table full)", flows.evictedFlows());
        putIfNonZero(limits, "flows not summed (path table full)", ledger.overflow());
        putIfNonZero(limits, "forwarded frames not summed (hop table full)", legs.overflow());
        putIfNonZero(limits, "ARP frames not kept (ARP table full)", arp.overflow());
        putIfNonZero(limits, "ICMP errors not summed (ICMP error table full)", errors.overflow());
        putIfNonZero(limits, "VRRP adverts not kept (VRRP table full)", vrrp.overflow());
        putIfNonZero(limits, "ICMP errors judged not relayed before their relay window closed (ICMP burst)",
                errors.decidedEarly());
        return limits;
    }

    private static void putIfNonZero(Map<String, Long> map, String what, long count) {
        if (count != 0) {
            map.put(what, count);
        }
    }

    private Map<String, Long> anomalyMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        for (Map.Entry<DecodeAnomaly, Long> e : anomalies.asMap().entrySet()) {
            map.put(e.getKey().id(), e.getValue());
        }
        return map;
    }

}
