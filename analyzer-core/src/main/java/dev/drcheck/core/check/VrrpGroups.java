package dev.drcheck.core.check;

import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.track.VrrpRouter;
import dev.drcheck.core.track.VrrpTracker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Text and grouping the VRRP checks share: routers by virtual router (VLAN, VRID), and how to name them. */
final class VrrpGroups {
    private VrrpGroups() {
    }

    /** The routers of each virtual router, in the order first seen. */
    static List<List<VrrpRouter>> of(VrrpTracker vrrp) {
        Map<Long, List<VrrpRouter>> groups = new LinkedHashMap<>();
        for (VrrpRouter router : vrrp.routers()) {
            groups.computeIfAbsent((long) router.vlan() << 8 | router.vrid(), k -> new ArrayList<>()).add(router);
        }
        return new ArrayList<>(groups.values());
    }

    /** "VRID 51", with " on VLAN 10" when tagged. */
    static String label(VrrpRouter router) {
        return "VRID " + router.vrid() + (router.vlan() >= 0 ? " on VLAN " + router.vlan() : "");
    }

    /** The router's advertised addresses, comma-separated. */
    static String addresses(VrrpRouter router) {
        return Arrays.stream(router.addresses()).mapToObj(Ipv4::format).collect(Collectors.joining(", "));
    }
}
