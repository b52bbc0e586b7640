package dev.drcheck.core.capture;

import java.util.List;

/**
 * An interface libpcap can capture on, for {@code drcheck live --list}.
 *
 * @param name the name to pass to {@code drcheck live}
 * @param description libpcap's description, or "" when it has none
 * @param addresses its addresses (IPv4 and IPv6) as text
 * @param up whether it is up
 * @param loopback whether it is a loopback interface
 */
public record LiveInterface(String name, String description, List<String> addresses, boolean up,
                            boolean loopback) {
    /** Copies the address list. */
    public LiveInterface {
        description = description == null ? "" : description;
        addresses = List.copyOf(addresses);
    }
}
