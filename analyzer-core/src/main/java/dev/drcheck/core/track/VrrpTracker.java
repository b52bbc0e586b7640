package dev.drcheck.core.track;

import dev.drcheck.core.decode.DecodedFrame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Follows VRRP adverts per virtual router (VLAN and VRID): each router that advertises it ({@link VrrpRouter}),
 * which router advertised last, the takeovers ({@link VrrpTakeover}: a router starts advertising after another),
 * and adverts two routers sent while both kept advertising. A router is "still advertising" while its previous
 * advert (priority above 0) is at most three of its intervals old, the VRRP master-down time.
 *
 * <p>Bounded and allocation-free per frame: a router is allocated when first seen, at most {@link #MAX_ROUTERS}
 * (later ones are counted in {@link #overflow()}); each virtual router keeps its first {@link #MAX_TAKEOVERS}
 * takeovers.
 */
public final class VrrpTracker {
    /** Most routers (VLAN, VRID, MAC) kept. */
    public static final int MAX_ROUTERS = 4096;
    /** Most takeovers kept per virtual router. */
    public static final int MAX_TAKEOVERS = 64;

    private static final long NANOS_PER_CENTISECOND = 10_000_000L;
    private static final int MASTER_DOWN_INTERVALS = 3;
    /** Key tag of a virtual router's entry in the index (a MAC has only 48 bits). */
    private static final long GROUP_KEY = 1L << 60;

    private final KeyIndex index = new KeyIndex(64, 2 * MAX_ROUTERS);
    private final List<VrrpRouter> routers = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private long overflow;

    /** Records one frame decoded to {@link dev.drcheck.core.decode.Layer#VRRP}. */
    public void onAdvert(DecodedFrame f) {
        long groupKey = (long) (f.outerVlanId + 1) << 8 | f.vrrpVrid;
        VrrpRouter router = router(groupKey, f);
        Group group = group(groupKey);
        if (router == null || group == null) {
            overflow++;
            return;
        }
        boolean sameAddresses = sameAddresses(router, f);
        if (f.vrrpPriority > 0) {
            onMasterAdvert(group, router, f);
        }
        router.onAdvert(f.vrrpPriority, f.frameNumber, f.timestampNanos, sameAddresses);
        group.last = router.id();
    }

    private void onMasterAdvert(Group group, VrrpRouter router, DecodedFrame f) {
        long masterDown = MASTER_DOWN_INTERVALS * Math.max(1, router.intervalCentis()) * NANOS_PER_CENTISECOND;
        boolean advertising = router.lastAdvertNanos() != Long.MIN_VALUE
                && f.timestampNanos - router.lastAdvertNanos() <= masterDown;
        if (group.last < 0 || group.last == router.id()) {
            return;
        }
        VrrpRouter previous = routers.get(group.last);
        if (advertising && previous.lastAdvertNanos() > router.lastAdvertNanos()) {
            router.onConcurrent(previous.id(), f.frameNumber, f.timestampNanos);
        } else if (!advertising && group.takeovers.size() < MAX_TAKEOVERS) {
            boolean resigned = previous.lastPriority() == 0;
            group.takeovers.add(new VrrpTakeover(previous.id(), router.id(), resigned ? previous.lastResignFrame() : 0,
                    resigned ? previous.lastResignNanos() : 0, f.frameNumber, f.timestampNanos));
        }
    }

    private static boolean sameAddresses(VrrpRouter router, DecodedFrame f) {
        if (router.addressCount() != f.vrrpAddressCount) {
            return false;
        }
        for (int i = 0; i < f.vrrpAddressCount; i++) {
            if (!router.advertises(f.vrrpAddresses[i])) {
                return false;
            }
        }
        return true;
    }

    private VrrpRouter router(long groupKey, DecodedFrame f) {
        int id = index.get(groupKey, f.srcMac);
        if (id >= 0) {
            return routers.get(id);
        }
        if (routers.size() == MAX_ROUTERS || !index.put(groupKey, f.srcMac, routers.size())) {
            return null;
        }
        int[] addresses = Arrays.copyOf(f.vrrpAddresses, f.vrrpAddressCount);
        Arrays.sort(addresses);
        VrrpRouter router = new VrrpRouter(routers.size(), f.outerVlanId, f.vrrpVrid, f.srcMac, f.ipSrc,
                f.vrrpVersion, f.vrrpAuthType, f.vrrpIntervalCentis, addresses, f.vrrpFromVirtualMac);
        routers.add(router);
        return router;
    }

    private Group group(long groupKey) {
        int id = index.get(GROUP_KEY, groupKey);
        if (id >= 0) {
            return groups.get(id);
        }
        if (groups.size() == MAX_ROUTERS || !index.put(GROUP_KEY, groupKey, groups.size())) {
            return null;
        }
        Group group = new Group();
        groups.add(group);
        return group;
    }

    /** Every router seen, in the order first seen. */
    public List<VrrpRouter> routers() {
        return Collections.unmodifiableList(routers);
    }

    /** The router with {@link VrrpRouter#id()} {@code id}. */
    public VrrpRouter router(int id) {
        return routers.get(id);
    }

    /** The routers that advertise {@code vrid} on {@code vlan} (-1: untagged), in the order first seen. */
    public List<VrrpRouter> routersOf(int vlan, int vrid) {
        return routers.stream().filter(r -> r.vlan() == vlan && r.vrid() == vrid).toList();
    }

    /** The takeovers of {@code vrid} on {@code vlan}, in capture order. */
    public List<VrrpTakeover> takeovers(int vlan, int vrid) {
        int id = index.get(GROUP_KEY, (long) (vlan + 1) << 8 | vrid);
        return id < 0 ? List.of() : Collections.unmodifiableList(groups.get(id).takeovers);
    }

    /** True when some router advertised {@code address} with a priority above 0. */
    public boolean isAdvertised(int address) {
        return routers.stream().anyMatch(r -> r.advertises(address) && !r.adverts().isEmpty());
    }

    /** Adverts not kept because the table was full. */
    public long overflow() {
        return overflow;
    }

    /** One virtual router (VLAN and VRID): who advertised last, and its takeovers. */
    private static final class Group {
        private final List<VrrpTakeover> takeovers = new ArrayList<>();
        private int last = -1;
    }
}
