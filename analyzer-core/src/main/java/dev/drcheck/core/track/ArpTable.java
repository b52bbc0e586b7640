package dev.drcheck.core.track;

import dev.drcheck.core.decode.DecodedFrame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who used which IPv4 address as their own in ARP, and how (reply, gratuitous, request), and in what order the
 * claimants of an address changed. Bounded: past {@link #MAX_BINDINGS} pairs, new pairs are counted in
 * {@link #overflow()} and not kept; each address keeps its first {@link #MAX_CLAIM_CHANGES} claimant changes.
 */
public final class ArpTable {
    /** Most (IP, MAC) pairs kept. */
    public static final int MAX_BINDINGS = 65_536;
    /** Most claimant changes kept per address; later ones are only counted. */
    public static final int MAX_CLAIM_CHANGES = 64;

    private static final int REQUEST = 1;
    private static final int REPLY = 2;

    private final KeyIndex index = new KeyIndex(64, MAX_BINDINGS);
    private final List<ArpBinding> bindings = new ArrayList<>();
    private final Map<Integer, List<ClaimChange>> claimChanges = new HashMap<>();
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
        boolean gratuitous = arp.arpSenderIp == arp.arpTargetIp;
        if (gratuitous) {
            binding.gratuitous().record(arp.frameNumber, arp.timestampNanos);
        } else if (arp.arpOperation == REPLY) {
            binding.replies().record(arp.frameNumber, arp.timestampNanos);
        } else {
            binding.requests().record(arp.frameNumber, arp.timestampNanos);
            return;
        }
        List<ClaimChange> changes = claimChanges.computeIfAbsent(arp.arpSenderIp, ip -> new ArrayList<>());
        if (changes.size() < MAX_CLAIM_CHANGES
                && (changes.isEmpty() || changes.get(changes.size() - 1).mac() != arp.arpSenderMac)) {
            changes.add(new ClaimChange(arp.arpSenderMac, arp.frameNumber, arp.timestampNanos, gratuitous));
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

    /** The claimants of {@code ip} in the order they took over (replies and gratuitous ARP), first one first. */
    public List<ClaimChange> claimChanges(int ip) {
        return Collections.unmodifiableList(claimChanges.getOrDefault(ip, List.of()));
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
