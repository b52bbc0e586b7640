package dev.drcheck.core.check;

import dev.drcheck.core.finding.Host;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.track.ArpBinding;
import dev.drcheck.core.track.IcmpErrorShape;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the two ICMP checks share: which errors concern a VIP service, which a director kept, and their wording. */
final class IcmpErrors {
    /** ICMP type 3. */
    static final int DESTINATION_UNREACHABLE = 3;
    /** ICMP type 4. */
    static final int SOURCE_QUENCH = 4;
    /** ICMP type 11. */
    static final int TIME_EXCEEDED = 11;

    private IcmpErrors() {
    }

    /** True when the error's flow is a VIP service's. */
    static boolean concernsVip(AnalysisContext context, IcmpErrorShape error) {
        return context.topology().isVipService(error.serverIp(), error.serverPort());
    }

    /**
     * True when the error is about a reply (so addressed to the VIP), reached a director, and that director did
     * not pass it on to the real server of the flow: it kept it, or sent it to another MAC than the flow's.
     */
    static boolean keptByDirector(AnalysisContext context, IcmpErrorShape error) {
        if (!error.aboutServerPacket() || !context.topology().isDirector(error.firstHopDstMac())) {
            return false;
        }
        return !error.relayed() || (error.relayDstMac() != 0 && error.flowReceiverMac() != 0
                && error.relayDstMac() != error.flowReceiverMac());
    }

    /** "fragmentation needed (next-hop MTU 1000)", "host unreachable", "time exceeded in transit", ... */
    static String describe(IcmpErrorShape error) {
        return switch (error.type()) {
            case DESTINATION_UNREACHABLE -> switch (error.code()) {
                case 0 -> "network unreachable";
                case 1 -> "host unreachable";
                case 2 -> "protocol unreachable";
                case 3 -> "port unreachable";
                case 4 -> "fragmentation needed"
                        + (error.smallestMtu() != 0 ? " (next-hop MTU " + error.smallestMtu() + ")" : "");
                case 9, 10, 13 -> "communication administratively prohibited (code " + error.code() + ")";
                default -> "destination unreachable (code " + error.code() + ")";
            };
            case SOURCE_QUENCH -> "source quench";
            case TIME_EXCEEDED -> error.code() == 0 ? "time exceeded in transit" : "fragment reassembly time exceeded";
            default -> "parameter problem (code " + error.code() + ")";
        };
    }

    /** True for "fragmentation needed". */
    static boolean isFragmentationNeeded(IcmpErrorShape error) {
        return error.type() == DESTINATION_UNREACHABLE && error.code() == 4;
    }

    /** "198.51.100.10:40001 -> 192.0.2.100:80" for the error's first flow, client first. */
    static String firstFlow(IcmpErrorShape error) {
        return Ipv4.format(error.firstClientIp()) + ":" + error.firstClientPort() + " -> "
                + Ipv4.format(error.serverIp()) + ":" + error.serverPort();
    }

    /** "1 flow", "6 flows": the distinct flows of all {@code errors}; "at least 64 flows" when a count was capped. */
    static String flows(List<IcmpErrorShape> errors) {
        Set<Long> clients = new HashSet<>();
        boolean capped = false;
        for (IcmpErrorShape error : errors) {
            for (long client : error.clientEndpoints()) {
                clients.add(client);
            }
            capped |= error.flows() >= IcmpErrorShape.MAX_COUNTED_FLOWS;
        }
        return capped ? "at least " + clients.size() + " flows" : Wording.count(clients.size(), "flow", "flows");
    }

    /** The errors, the earliest first error first. */
    static List<IcmpErrorShape> byFirstError(List<IcmpErrorShape> errors) {
        return errors.stream()
                .sorted(Comparator.comparingLong(e -> e.errors().evidence().get(0).timestampNanos()))
                .toList();
    }

    /**
     * The host that sent the error. The frame's source MAC is the sender's only when the sender is on the LAN and
     * sent it there; when the frame came from a relay (the director, seen at a real server's port) or a router in
     * front of a remote sender, the error's source address names the sender, with the MAC ARP shows for it, else
     * the MAC the frame came from.
     */
    static Host senderHost(AnalysisContext context, IcmpErrorShape error) {
        Host host = context.host(error.senderMac());
        if (host.ipKnown() && host.ip() == error.senderIp()) {
            return host;
        }
        ArpBinding best = null;
        for (ArpBinding binding : context.arp().bindingsOfIp(error.senderIp())) {
            if (binding.mac() != error.senderMac() && (best == null || binding.frames() > best.frames())) {
                best = binding;
            }
        }
        return best != null ? Host.of(best.mac(), error.senderIp()) : host;
    }

    /** {@link #senderHost}: "02:..:01 (192.0.2.1)", adding the error's source address when it differs. */
    static String sender(AnalysisContext context, IcmpErrorShape error) {
        Host host = senderHost(context, error);
        return host.ipKnown() && host.ip() == error.senderIp() ? host.toString()
                : host + " (source " + Ipv4.format(error.senderIp()) + ")";
    }

    /**
     * How to keep full-sized segments off a path with a smaller MTU when ICMP cannot be relied on: lower the MSS in
     * the clients' SYNs on the router in front of the narrow link, or the real servers' path MTU towards the
     * clients.
     */
    static String mssWorkaround(int mtu) {
        String mss = mtu > 40 ? String.valueOf(mtu - 40) : "MTU-40";
        String lockedMtu = mtu > 0 ? String.valueOf(mtu) : "MTU";
        return "lower the MSS of client SYNs on the router in front of the narrow link (iptables -t mangle -A"
                + " FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss " + mss + "; nftables: tcp flags syn"
                + " tcp option maxseg size set " + mss + "), or the path MTU the real servers use towards those"
                + " clients (ip route add CLIENT-NET via GATEWAY mtu lock " + lockedMtu + ")";
    }
}
