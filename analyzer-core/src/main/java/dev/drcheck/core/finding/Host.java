package dev.drcheck.core.finding;

import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;

/**
 * A host as a capture shows it: its MAC, and its IPv4 address when the capture reveals one.
 *
 * @param mac the 48-bit MAC
 * @param ip the IPv4 address, valid only when {@code ipKnown}
 * @param ipKnown whether the address is known
 */
public record Host(long mac, int ip, boolean ipKnown) {

    /** A host whose address is known. */
    public static Host of(long mac, int ip) {
        return new Host(mac, ip, true);
    }

    /** A host known only by its MAC. */
    public static Host macOnly(long mac) {
        return new Host(mac, 0, false);
    }

    /** The MAC as text. */
    public String macText() {
        return Mac.format(mac);
    }

    /** The address as text, or "?" when unknown. */
    public String ipText() {
        return ipKnown ? Ipv4.format(ip) : "?";
    }

    /** The shortest name to log in to the host by: its address when known, else its MAC. */
    public String label() {
        return ipKnown ? ipText() : macText();
    }

    /** {@code 02:00:00:00:00:11 (192.0.2.11)}, or the MAC alone when the address is unknown. */
    @Override
    public String toString() {
        return ipKnown ? macText() + " (" + ipText() + ")" : macText();
    }
}
