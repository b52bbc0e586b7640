package dev.drcheck.core.config;

/** How a director forwards to a real server, with the names ipvsadm and keepalived use for it. */
public enum ForwardingMethod {
    /** Direct routing: only the destination MAC is rewritten. */
    DR("Route", "-g", "DR"),
    /** NAT (masquerading): the destination IP becomes the RIP. */
    NAT("Masq", "-m", "NAT"),
    /** IP-in-IP tunnelling. */
    TUN("Tunnel", "-i", "TUN"),
    /** The real server is the director itself. */
    LOCAL("Local", "-g", "DR");

    private final String listName;
    private final String flag;
    private final String lbKind;

    ForwardingMethod(String listName, String flag, String lbKind) {
        this.listName = listName;
        this.flag = flag;
        this.lbKind = lbKind;
    }

    /** The name in {@code ipvsadm -Ln}'s Forward column. */
    public String listName() {
        return listName;
    }

    /** The ipvsadm flag. */
    public String flag() {
        return flag;
    }

    /** The keepalived {@code lb_kind} value. */
    public String lbKind() {
        return lbKind;
    }

    /** True for the methods a DR cluster may use: direct routing, or the director serving locally. */
    public boolean directRouting() {
        return this == DR || this == LOCAL;
    }
}
