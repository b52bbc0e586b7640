package dev.drcheck.core.check;

import dev.drcheck.core.net.Ipv4;

/** Fix texts that several checks give: the real-server set-up direct routing needs. */
final class DrFixes {
    private DrFixes() {
    }

    /** The ARP sysctls a DR real server needs, as lines for /etc/sysctl.d/. */
    static String arpSysctls() {
        return "net.ipv4.conf.all.arp_ignore = 1\n"
                + "net.ipv4.conf.all.arp_announce = 2\n"
                + "net.ipv4.conf.lo.arp_ignore = 1\n"
                + "net.ipv4.conf.lo.arp_announce = 2";
    }

    /** The whole real-server set-up for {@code vip}: the VIP on lo and the ARP sysctls. */
    static String realServerSetup(int vip) {
        return "ip addr add " + Ipv4.format(vip) + "/32 dev lo\n"
                + "sysctl -w net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2\n"
                + "(persist in /etc/sysctl.d/90-lvs-dr.conf:\n" + arpSysctls() + ")";
    }
}
