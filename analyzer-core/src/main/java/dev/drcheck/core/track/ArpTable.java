package dev.drcheck.core.track;

import dev.drcheck.core.decode.DecodedFrame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Who used which IPv4 address as their own in ARP, and how (reply, gratuitous, request). Bounded: past
 * {@link #MAX_BINDINGS} pairs, new pairs are counted in {@link #overflow()} and not kept.
 */
public final class ArpTable {
    /** Most (IP, MAC) pairs kept. */
    public static final int MAX_BINDINGS = 65_536;

    private static final int REQUEST = 1;
    private static final int REPLY = 2;

    private final KeyIndex index = new KeyIndex(64, MAX_BINDINGS);
    private final List<ArpBinding> bindings = new ArrayList<>();
    private long overflow;

    /** Records one decoded ARP frame. */
    public void onArp(DecodedFrame arp) {
        if (arp.arpSenderIp == 0 || (arp.arpOperation != REQUEST && arp.arpOperation != REPLY)) {
            return;
        }
        ArpBinding binding = binding(arp.arpSenderIp, arp.arpSenderMac);
        if (binding == null) {
            overflow++;
            return;
        }
        if (arp.arpSenderIp == arp.arpTargetIp) {
            binding.gratuitous().record(arp.frameNumber, arp.timestampNanos);
        } else if (arp.arpOperation == REPLY) {
            binding.replies().record(arp.frameNumber, arp.timestampNanos);
        } else {
            binding.requests().record(arp.frameNumber, arp.timestampNanos);
        }
    }

    /** Every pair seen, in the order first seen. */
    public List<ArpBinding> bindings() {
        return Collections.unmodifiableList(bindings);
    }

    /** The pairs whose IP is {@code ip}. */
    public List<ArpBinding> bindingsOfIp(int ip) {
        return bindings.stream().filter(b -> b.ip() == ip).toList();
    }

    /** The pairs whose MAC is {@code mac}. */
    public List<ArpBinding> bindingsOfMac(long mac) {
        return bindings.stream().filter(b -> b.mac() == mac).toList();
    }

    /** ARP frames not kept because the table was full. */
    public long overflow() {
        return overflow;
    }

    private ArpBinding binding(int ip, long mac) {
        int id = index.get(ip, mac);
        if (id >= 0) {
            return bindings.get(id);
        }
        if (!index.put(ip, mac, bindings.size())) {
            return null;
        }
        ArpBinding binding = new ArpBinding(ip, mac);
        bindings.add(binding);
        return binding;
    }
}
