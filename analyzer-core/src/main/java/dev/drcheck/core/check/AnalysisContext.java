package dev.drcheck.core.check;

import dev.drcheck.core.finding.Host;
import dev.drcheck.core.topology.DrTopology;
import dev.drcheck.core.topology.RealServer;
import dev.drcheck.core.track.ArpBinding;
import dev.drcheck.core.track.ArpTable;
import dev.drcheck.core.track.FlowLedger;
import dev.drcheck.core.track.IcmpErrorLedger;
import dev.drcheck.core.track.LegLedger;
import dev.drcheck.core.track.PathShape;
import dev.drcheck.core.track.VrrpRouter;
import dev.drcheck.core.track.VrrpTracker;

import java.util.List;
import java.util.Optional;

/**
 * What the checks judge: the topology, and what the trackers observed (ARP, forwarding hops, flows, ICMP errors).
 *
 * @param topology the DR cluster to check against
 * @param arp who used which address in ARP
 * @param legs forwarding hops, by kind
 * @param flows TCP flows, by the way they went
 * @param icmpErrors ICMP errors about TCP and UDP flows, by kind
 * @param vrrp VRRP routers, their adverts and takeovers, per virtual router
 * @param framesWithoutDestinationMac frames whose link header names no destination MAC (Linux cooked captures,
 *                                    as {@code tcpdump -i any} writes)
 * @param framesWithoutMacs frames of a link type that carries no MAC and no ARP at all (raw IP, IPv4, IPv6, BSD
 *                          loopback, NFLOG)
 */
public record AnalysisContext(DrTopology topology, ArpTable arp, LegLedger legs, FlowLedger flows,
                              IcmpErrorLedger icmpErrors, VrrpTracker vrrp, long framesWithoutDestinationMac,
                              long framesWithoutMacs) {

    /**
     * Says that {@code what} was not verified when frames lacked destination MACs (or all MACs); true when that was
     * so, so a check that needs them knows it must not conclude anything from their absence.
     */
    public boolean destinationMacsMissing(CheckOutput out, String what) {
        if (framesWithoutDestinationMac == 0) {
            return macsMissing(out, what);
        }
        out.notObserved(what + ": this capture has no destination MACs (Linux cooked capture, tcpdump -i any),"
                + " so this was not checked; capture on an interface (tcpdump -i eth0) to check it");
        return true;
    }

    /**
     * Says that {@code what} was not verified when frames had no MACs at all (and so no ARP); true when that was so,
     * so a check that needs MACs or ARP knows it must not conclude anything from their absence.
     */
    public boolean macsMissing(CheckOutput out, String what) {
        if (framesWithoutMacs == 0) {
            return false;
        }
        out.notObserved(what + ": this capture has frames without MACs or ARP (raw IP, BSD loopback or NFLOG link"
                + " type), so this was not checked; capture on an Ethernet interface (tcpdump -i eth0) to check it");
        return true;
    }

    /** The flows whose SYN went to a VIP service. */
    public List<PathShape> vipFlows() {
        return flows.shapes().stream()
                .filter(p -> topology.isVipService(p.serverIp(), p.serverPort()))
                .toList();
    }

    /**
     * The host behind a MAC, with its own address: a real server's RIP, or the non-VIP address it used in ARP.
     */
    public Host host(long mac) {
        Optional<RealServer> rs = topology.realServer(mac);
        if (rs.isPresent() && rs.get().host().ipKnown()) {
            return rs.get().host();
        }
        ArpBinding best = null;
        for (ArpBinding binding : arp.bindingsOfMac(mac)) {
            if (!topology.isVip(binding.ip()) && (best == null || binding.frames() > best.frames())) {
                best = binding;
            }
        }
        return best == null ? Host.macOnly(mac) : Host.of(mac, best.ip());
    }

    /** A VRRP router as a host: its MAC and the source address of its adverts. */
    public Host vrrpHost(VrrpRouter router) {
        return Host.of(router.mac(), router.ip());
    }

    /** The host behind a MAC, introduced by its role: "real server 02:..:11 (192.0.2.11)" or "host ...". */
    public String describe(long mac) {
        return (topology.isRealServer(mac) ? "real server " : "host ") + host(mac);
    }
}
