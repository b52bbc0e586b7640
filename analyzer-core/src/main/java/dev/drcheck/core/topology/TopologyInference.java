package dev.drcheck.core.topology;

import dev.drcheck.core.config.ClusterConfig;
import dev.drcheck.core.config.VirtualService;
import dev.drcheck.core.finding.Host;
import dev.drcheck.core.frame.Evidence;
import dev.drcheck.core.frame.FrameRef;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import dev.drcheck.core.track.ArpBinding;
import dev.drcheck.core.track.ArpTable;
import dev.drcheck.core.track.FlowDirection;
import dev.drcheck.core.track.FlowLedger;
import dev.drcheck.core.track.LegLedger;
import dev.drcheck.core.track.LegShape;
import dev.drcheck.core.track.PathShape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Works out the DR topology from what the trackers observed, filling in whatever the user did not give.
 *
 * <p>A VIP needs positive evidence, so that an ordinary server is never taken for one:
 * <ol>
 *   <li>client frames to it seen before and after a forwarding hop that kept the destination IP and TTL
 *       (a DR director), rewrote the destination IP (a NAT director), or routed them to a host that answers
 *       from the destination IP but ARPs as another address (a director routing instead of switching);</li>
 *   <li>or it is claimed in ARP by several MACs and receives client SYNs;</li>
 *   <li>or, seen from one real server's port, a host answers from it while ARP shows the host under another
 *       address, and its replies leave towards a different MAC than the one the client frames came from.</li>
 * </ol>
 * Directors are the hosts that forward to the real servers, else the hosts that claim a VIP in ARP but never
 * answer from it. Real servers are the MACs the directors forward to and the MACs that answer from a VIP.
 *
 * <p>With a cluster configuration ({@code --ipvs}, {@code --keepalived}) and no {@code --vip}, the VIPs and their
 * ports are the configured services'. Without {@code --rs}, each configured real-server address is bound to the
 * MAC the capture shows for it: the MAC that used it in ARP, else the MAC NAT-forwarded frames to it went to,
 * else the MAC that answered from it; the binding is stated in the provenance. Real servers the directors forward
 * to that the configuration does not list stay in the topology as inferred, so the checks can name them.
 * Configured addresses the capture shows no MAC for become notes.
 */
public final class TopologyInference {
    private static final int EVIDENCE_FRAMES = 3;

    private final TopologyOverrides given;
    private final ArpTable arp;
    private final LegLedger legs;
    private final FlowLedger flows;

    /**
     * @param given what the user gave; each non-empty part replaces inference
     * @param arp the ARP table
     * @param legs forwarding hops seen
     * @param flows TCP flows seen
     */
    public TopologyInference(TopologyOverrides given, ArpTable arp, LegLedger legs, FlowLedger flows) {
        this.given = given;
        this.arp = arp;
        this.legs = legs;
        this.flows = flows;
    }

    /** The topology: given parts as given, the rest inferred, with a note for each part that could not be. */
    public DrTopology infer() {
        List<String> notes = new ArrayList<>();
        ClusterConfig config = given.config();
        Map<Integer, Provenance> vipIps = !given.vips().isEmpty() ? givenVips()
                : config != null ? configVips(config) : inferVips();
        Map<Long, Provenance> directors = given.directorMacs().isEmpty()
                ? inferDirectors(vipIps, notes) : givenDirectors();
        List<RealServer> realServers = !given.realServers().isEmpty() ? givenRealServers(vipIps)
                : config != null ? configRealServers(config, vipIps, directors, notes)
                : inferRealServers(vipIps, directors);

        List<Vip> vips = new ArrayList<>();
        vipIps.forEach((ip, provenance) -> vips.add(new Vip(ip, ports(ip), provenance)));
        List<Director> directorList = new ArrayList<>();
        directors.forEach((mac, provenance) -> directorList.add(new Director(mac, provenance)));
        if (vips.isEmpty()) {
            notes.add("no VIP found: no client frames were seen forwarded by a director, no address is claimed"
                    + " in ARP by several hosts, and no host answers for an address it does not ARP for;"
                    + " give --vip IP[:PORT]");
        }
        return new DrTopology(vips, directorList, realServers, notes, config);
    }

    private static Map<Integer, Provenance> configVips(ClusterConfig config) {
        Map<Integer, Provenance> vips = new LinkedHashMap<>();
        for (int vip : config.vips()) {
            vips.put(vip, Provenance.given(config.source()));
        }
        return vips;
    }

    /**
     * The configured real servers the capture shows a MAC for, then the inferred real servers the configuration
     * does not list.
     */
    private List<RealServer> configRealServers(ClusterConfig config, Map<Integer, Provenance> vips,
                                               Map<Long, Provenance> directors, List<String> notes) {
        List<RealServer> servers = new ArrayList<>();
        List<Long> boundMacs = new ArrayList<>();
        for (int rip : config.realServerIps()) {
            if (vips.containsKey(rip)) {
                continue;
            }
            MacOfAddress bound = macOf(rip, vips, directors);
            if (bound == null) {
                notes.add("configured real server " + Ipv4.format(rip) + " (" + config.source() + "): the capture"
                        + " shows no MAC for it (no ARP from it, no traffic to or from it)");
                continue;
            }
            if (directors.containsKey(bound.mac()) || boundMacs.contains(bound.mac())) {
                continue;
            }
            boundMacs.add(bound.mac());
            String how = "given by " + config.source() + "; " + Mac.format(bound.mac()) + " for "
                    + Ipv4.format(rip) + " (" + bound.how() + " " + FrameRef.frame(bound.frame()) + ")";
            servers.add(new RealServer(Host.of(bound.mac(), rip),
                    new Provenance(true, how, bound.frame() == 0 ? List.of() : List.of(bound.frame()))));
        }
        for (RealServer inferred : inferRealServers(vips, directors)) {
            if (!boundMacs.contains(inferred.host().mac())) {
                servers.add(inferred);
            }
        }
        return servers;
    }

    /** Where the capture binds an address to a MAC: how, and the first frame that shows it. */
    private record MacOfAddress(long mac, String how, long frame) {
    }

    private MacOfAddress macOf(int ip, Map<Integer, Provenance> vips, Map<Long, Provenance> directors) {
        ArpBinding best = null;
        for (ArpBinding binding : arp.bindingsOfIp(ip)) {
            if (best == null || binding.frames() > best.frames()) {
                best = binding;
            }
        }
        if (best != null) {
            long frame = firstOf(best.replies().firstFrame(), best.gratuitous().firstFrame(),
                    best.requests().firstFrame());
            return new MacOfAddress(best.mac(), "ARP frame", frame);
        }
        for (LegShape leg : legs.shapes()) {
            if (vips.containsKey(leg.beforeDstIp()) && leg.afterDstIp() == ip && leg.afterDstMac() != 0
                    && directors.containsKey(leg.relayMac())) {
                return new MacOfAddress(leg.afterDstMac(), "NAT-forwarded frame",
                        leg.forwardedFrames().firstFrame());
            }
        }
        for (PathShape path : flows.shapes()) {
            if (vips.containsKey(path.serverIp()) && path.replySrcIp() == ip && path.replySrcMac() != 0) {
                return new MacOfAddress(path.replySrcMac(), "reply from it, frame",
                        path.replyFrames().firstFrame());
            }
        }
        return null;
    }

    private static long firstOf(long... refs) {
        long first = 0;
        for (long ref : refs) {
            if (ref != 0 && (first == 0 || ref < first)) {
                first = ref;
            }
        }
        return first;
    }

    private Map<Integer, Provenance> inferVips() {
        Map<Integer, List<Long>> evidence = new LinkedHashMap<>();
        Map<Integer, String> how = new LinkedHashMap<>();
        for (LegShape leg : legs.shapes()) {
            if (isDirectorHop(leg)) {
                addEvidence(evidence, leg.beforeDstIp(), leg.forwardedFrames().evidence());
                how.putIfAbsent(leg.beforeDstIp(), "client frames to it re-emitted by a director");
            }
        }
        for (ArpBinding binding : arp.bindings()) {
            int ip = binding.ip();
            if (!how.containsKey(ip) && claimants(ip) >= 2 && receivesSyns(ip)) {
                how.put(ip, "claimed in ARP by several MACs and receives client SYNs");
                addEvidence(evidence, ip, binding.replies().evidence());
                addEvidence(evidence, ip, binding.gratuitous().evidence());
            }
        }
        for (PathShape path : flows.shapes()) {
            int ip = path.serverIp();
            if (!how.containsKey(ip) && answersForForeignAddress(path)) {
                how.put(ip, "answered by " + Mac.format(path.replySrcMac())
                        + ", which ARPs as another address, with replies leaving by another way than requests came");
                addEvidence(evidence, ip, path.replyFrames().evidence());
            }
        }
        Map<Integer, Provenance> vips = new LinkedHashMap<>();
        how.forEach((ip, text) -> vips.put(ip, Provenance.inferred(text, firstFrames(evidence.get(ip)))));
        return vips;
    }

    private Map<Long, Provenance> inferDirectors(Map<Integer, Provenance> vips, List<String> notes) {
        Map<Long, List<Long>> evidence = new LinkedHashMap<>();
        Map<Long, String> how = new LinkedHashMap<>();
        for (LegShape leg : legs.shapes()) {
            if (vips.containsKey(leg.beforeDstIp()) && isDirectorHop(leg) && leg.relayMac() != 0) {
                how.putIfAbsent(leg.relayMac(), "forwards client frames for the VIP");
                addEvidence(evidence, leg.relayMac(), leg.forwardedFrames().evidence());
            }
        }
        if (how.isEmpty()) {
            for (int vip : vips.keySet()) {
                for (ArpBinding binding : arp.bindingsOfIp(vip)) {
                    if (binding.claims() && !answersFromVip(binding.mac(), vip)) {
                        how.putIfAbsent(binding.mac(), "claims the VIP in ARP and never answers from it itself");
                        addEvidence(evidence, binding.mac(), binding.replies().evidence());
                        addEvidence(evidence, binding.mac(), binding.gratuitous().evidence());
                    }
                }
            }
        }
        if (how.isEmpty()) {
            for (PathShape path : flows.shapes()) {
                if (vips.containsKey(path.serverIp()) && path.deliveredMac() == 0
                        && path.replySrcMac() == path.firstHopDstMac() && path.replySrcIp() == path.serverIp()
                        && path.replyDstMac() != path.firstHopSrcMac() && path.firstHopSrcMac() != 0
                        && !arpBinds(path.firstHopSrcMac(), path.firstClientIp())) {
                    how.putIfAbsent(path.firstHopSrcMac(), "sends VIP traffic to a real server");
                    addEvidence(evidence, path.firstHopSrcMac(), path.flows().evidence());
                }
            }
        }
        if (how.isEmpty() && !vips.isEmpty()) {
            notes.add("no director found: nothing in the capture forwards VIP traffic or answers ARP for the VIP"
                    + " alone; give --director-mac MAC");
        }
        Map<Long, Provenance> directors = new LinkedHashMap<>();
        how.forEach((mac, text) -> directors.put(mac, Provenance.inferred(text, firstFrames(evidence.get(mac)))));
        return directors;
    }

    private List<RealServer> inferRealServers(Map<Integer, Provenance> vips, Map<Long, Provenance> directors) {
        Map<Long, List<Long>> evidence = new LinkedHashMap<>();
        Map<Long, String> how = new LinkedHashMap<>();
        Map<Long, Integer> natAddress = new LinkedHashMap<>();
        for (LegShape leg : legs.shapes()) {
            if (vips.containsKey(leg.beforeDstIp()) && directors.containsKey(leg.relayMac())
                    && leg.direction() != FlowDirection.SERVER_TO_CLIENT && leg.afterDstMac() != 0) {
                how.putIfAbsent(leg.afterDstMac(), "receives VIP frames from the director");
                addEvidence(evidence, leg.afterDstMac(), leg.forwardedFrames().evidence());
                if (leg.afterDstIp() != leg.beforeDstIp()) {
                    natAddress.putIfAbsent(leg.afterDstMac(), leg.afterDstIp());
                }
            }
        }
        for (PathShape path : flows.shapes()) {
            if (!vips.containsKey(path.serverIp())) {
                continue;
            }
            long replier = path.replySrcMac();
            if (replier != 0 && path.replySrcIp() == path.serverIp() && !directors.containsKey(replier)) {
                how.putIfAbsent(replier, "answers from the VIP");
                addEvidence(evidence, replier, path.replyFrames().evidence());
            }
            long receiver = path.receiverMac();
            if (receiver != 0 && directors.containsKey(path.firstHopSrcMac()) && !directors.containsKey(receiver)) {
                how.putIfAbsent(receiver, "receives VIP frames from the director");
                addEvidence(evidence, receiver, path.flows().evidence());
            }
        }
        List<RealServer> servers = new ArrayList<>();
        how.forEach((mac, text) -> {
            Integer nat = natAddress.get(mac);
            Host host = nat != null ? Host.of(mac, nat) : ownAddress(mac, vips);
            servers.add(new RealServer(host, Provenance.inferred(text, firstFrames(evidence.get(mac)))));
        });
        return servers;
    }

    private Map<Integer, Provenance> givenVips() {
        Map<Integer, Provenance> vips = new LinkedHashMap<>();
        for (TopologyOverrides.VipSpec spec : given.vips()) {
            vips.putIfAbsent(spec.ip(), Provenance.given("--vip"));
        }
        return vips;
    }

    private Map<Long, Provenance> givenDirectors() {
        Map<Long, Provenance> directors = new LinkedHashMap<>();
        for (long mac : given.directorMacs()) {
            directors.putIfAbsent(mac, Provenance.given("--director-mac"));
        }
        return directors;
    }

    private List<RealServer> givenRealServers(Map<Integer, Provenance> vips) {
        List<RealServer> servers = new ArrayList<>();
        for (Host host : given.realServers()) {
            Host resolved = host.ipKnown() ? host : ownAddress(host.mac(), vips);
            servers.add(new RealServer(resolved, Provenance.given("--rs")));
        }
        return servers;
    }

    private List<Integer> ports(int vip) {
        TreeSet<Integer> ports = new TreeSet<>();
        boolean givenWithoutPort = false;
        for (TopologyOverrides.VipSpec spec : given.vips()) {
            if (spec.ip() == vip) {
                if (spec.port() < 0) {
                    givenWithoutPort = true;
                } else {
                    ports.add(spec.port());
                }
            }
        }
        if (given.vips().isEmpty() && given.config() != null) {
            for (VirtualService service : given.config().servicesOf(vip)) {
                ports.add(service.port());
            }
            if (!ports.isEmpty()) {
                return List.copyOf(ports);
            }
        }
        if (ports.isEmpty() || givenWithoutPort) {
            for (PathShape path : flows.shapes()) {
                if (path.serverIp() == vip) {
                    ports.add(path.serverPort());
                }
            }
        }
        return List.copyOf(ports);
    }

    /**
     * A hop that forwards a client frame as a director does: DR (nothing but MACs changed), NAT (new IP), or a
     * routing director (TTL lowered, addresses kept) whose next hop answers from the destination address while ARP
     * shows that host under another address (the VIP on its loopback). A plain router's next hop owns the address
     * it is sent, so a router is not taken for a director.
     */
    private boolean isDirectorHop(LegShape leg) {
        if (leg.direction() == FlowDirection.SERVER_TO_CLIENT) {
            return false;
        }
        if (leg.onlyMacsChanged() || leg.afterDstIp() != leg.beforeDstIp()) {
            return true;
        }
        long nextHop = leg.afterDstMac();
        int destination = leg.beforeDstIp();
        return leg.ttlDecrease() > 0 && nextHop != 0 && answersFromVip(nextHop, destination)
                && arp.bindingsOfMac(nextHop).stream().anyMatch(b -> b.ip() != destination);
    }

    private boolean answersForForeignAddress(PathShape path) {
        long replier = path.replySrcMac();
        if (replier == 0 || path.deliveredMac() != 0 || path.replySrcIp() != path.serverIp()
                || replier != path.firstHopDstMac() || path.replyDstMac() == path.firstHopSrcMac()) {
            return false;
        }
        for (ArpBinding binding : arp.bindingsOfMac(replier)) {
            if (binding.ip() != path.serverIp()) {
                return true;
            }
        }
        return false;
    }

    private boolean answersFromVip(long mac, int vip) {
        for (PathShape path : flows.shapes()) {
            if (path.serverIp() == vip && path.replySrcMac() == mac && path.replySrcIp() == vip) {
                return true;
            }
        }
        return false;
    }

    private boolean receivesSyns(int ip) {
        for (PathShape path : flows.shapes()) {
            if (path.serverIp() == ip) {
                return true;
            }
        }
        return false;
    }

    private long claimants(int ip) {
        return arp.bindingsOfIp(ip).stream().filter(ArpBinding::claims).count();
    }

    private boolean arpBinds(long mac, int ip) {
        for (ArpBinding binding : arp.bindingsOfMac(mac)) {
            if (binding.ip() == ip) {
                return true;
            }
        }
        return false;
    }

    /** The MAC's own address as ARP shows it: the non-VIP address it used most. */
    private Host ownAddress(long mac, Map<Integer, Provenance> vips) {
        ArpBinding best = null;
        for (ArpBinding binding : arp.bindingsOfMac(mac)) {
            if (!vips.containsKey(binding.ip()) && (best == null || binding.frames() > best.frames())) {
                best = binding;
            }
        }
        return best == null ? Host.macOnly(mac) : Host.of(mac, best.ip());
    }

    private static <K> void addEvidence(Map<K, List<Long>> evidence, K key, List<Evidence> frames) {
        List<Long> list = evidence.computeIfAbsent(key, k -> new ArrayList<>());
        for (Evidence e : frames) {
            list.add(FrameRef.of(e.source(), e.frame()));
        }
    }

    private static List<Long> firstFrames(List<Long> frames) {
        if (frames == null) {
            return List.of();
        }
        return frames.stream().sorted().distinct().limit(EVIDENCE_FRAMES).toList();
    }

}
