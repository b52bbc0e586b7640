package dev.drcheck.core.capture;

import dev.drcheck.core.capture.TcpdumpPacket.Arp;
import dev.drcheck.core.capture.TcpdumpPacket.Icmp;
import dev.drcheck.core.capture.TcpdumpPacket.IpHeader;
import dev.drcheck.core.capture.TcpdumpPacket.Ipv4;
import dev.drcheck.core.capture.TcpdumpPacket.Quote;

import java.io.IOException;
import java.util.Arrays;

/**
 * The grammar of one {@code tcpdump -nn -e} packet line after its timestamp: the Ethernet header with its VLAN
 * tags, then ARP or IPv4 ({@link TcpdumpIpv4Grammar}). It reads the continuation lines the line needs from the
 * {@link TcpdumpTextLines}: the second half of the {@code -v} two-line form, and the packet an ICMP error quotes.
 * The result is an immutable {@link TcpdumpPacket}, or null when the line is not understood.
 */
final class TcpdumpPacketGrammar {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_ARP = 0x0806;
    static final int MAX_TAGS = 4;

    private final TcpdumpTextLines lines;
    private final TcpdumpTextLine line;
    private final TcpdumpIpv4Grammar ipv4 = new TcpdumpIpv4Grammar();
    private final int[] tags = new int[MAX_TAGS];
    private int tagCount;
    private long withoutMacs;

    /** @param line the cursor over {@code lines}' current line */
    TcpdumpPacketGrammar(TcpdumpTextLines lines, TcpdumpTextLine line) {
        this.lines = lines;
        this.line = line;
    }

    /** Packet lines without MAC addresses (tcpdump run without -e). */
    long withoutMacs() {
        return withoutMacs;
    }

    /** Parses the packet line from the cursor, with its continuation lines; null when it is not understood. */
    TcpdumpPacket parse(long timestamp) throws IOException {
        TcpdumpTextLine t = line;
        long srcMac = t.mac();
        if (srcMac < 0 || !t.accept(" > ")) {
            if (t.startsWith("IP ") || t.startsWith("ARP, ") || t.startsWith("IP6 ")) {
                withoutMacs++;
            }
            return null;
        }
        long dstMac = t.mac();
        if (dstMac < 0 || !t.accept(", ethertype ")) {
            return null;
        }
        int type = etherTypeValue(t);
        if (type < 0 || !t.accept(", length ")) {
            return null;
        }
        long length = t.decimal(6);
        if (length < 0 || !t.accept(": ")) {
            return null;
        }
        type = tagged(t, type);
        if (type < 0) {
            return null;
        }
        Arp arp = null;
        Ipv4 packet = null;
        if (type == ETHERTYPE_ARP) {
            arp = arp(t, srcMac, dstMac);
            if (arp == null) {
                return null;
            }
        } else if (type == ETHERTYPE_IPV4) {
            packet = ipv4();
            if (packet == null) {
                return null;
            }
        } else if (type <= 1500) {
            return null; // an 802.3 length, not an ethertype
        }
        return new TcpdumpPacket(timestamp, srcMac, dstMac, (int) length, Arrays.copyOf(tags, tagCount), type, arp,
                packet);
    }

    /** Reads the VLAN tags while {@code type} is a tag's; returns the ethertype after them, or -1. */
    private int tagged(TcpdumpTextLine t, int type) {
        tagCount = 0;
        while (type == 0x8100 || type == 0x88a8 || type == 0x9100) {
            if (tagCount == MAX_TAGS || !t.accept("vlan ")) {
                return -1;
            }
            long vlan = t.decimal(4);
            if (vlan < 0 || vlan > 4095 || !t.accept(", p ")) {
                return -1;
            }
            long priority = t.decimal(1);
            if (priority < 0 || priority > 7) {
                return -1;
            }
            boolean dei = t.accept(", DEI");
            if (!t.accept(", ethertype ")) {
                return -1;
            }
            tags[tagCount++] = type << 16 | (int) (priority << 13 | (dei ? 1 << 12 : 0) | vlan);
            type = etherTypeValue(t);
            if (type < 0 || !(t.accept(", ") || t.accept(": "))) {
                return -1;
            }
        }
        return type;
    }

    /** Parses "NAME (0xHHHH)" and returns the value, or -1. */
    private static int etherTypeValue(TcpdumpTextLine t) {
        int limit = Math.min(t.length, t.pos + 64);
        int open = -1;
        for (int i = t.pos; i + 1 < limit; i++) {
            if (t.text[i] == '(' && t.text[i + 1] == '0') {
                open = i;
                break;
            }
        }
        if (open < 0) {
            return -1;
        }
        t.pos = open + 1;
        long value = t.hex();
        if (value < 0 || value > 0xffff || !t.accept(")")) {
            return -1;
        }
        return (int) value;
    }

    private static Arp arp(TcpdumpTextLine t, long srcMac, long dstMac) {
        t.accept("Ethernet (len 6), IPv4 (len 4), ");
        if (t.accept("Request who-has ")) {
            if (!t.endpoint(false)) {
                return null;
            }
            int targetIp = t.lastIp;
            long targetMac = 0;
            if (t.accept(" (")) {
                targetMac = t.mac();
                if (targetMac < 0 || !t.accept(")")) {
                    return null;
                }
            }
            if (!t.accept(" tell ") || !t.endpoint(false)) {
                return null;
            }
            return new Arp(1, srcMac, t.lastIp, targetMac, targetIp);
        }
        if (t.accept("Reply ")) {
            if (!t.endpoint(false) || !t.accept(" is-at ")) {
                return null;
            }
            int senderIp = t.lastIp;
            long senderMac = t.mac();
            return senderMac < 0 ? null : new Arp(2, senderMac, senderIp, dstMac, 0);
        }
        return null;
    }

    /** IPv4, with the -v header in front and its second half on a continuation line when printed so. */
    private Ipv4 ipv4() throws IOException {
        TcpdumpTextLine t = line;
        IpHeader header = IpHeader.UNPRINTED;
        if (t.accept("(")) {
            header = ipv4.header(t);
            if (header == null) {
                return null;
            }
            t.skipSpaces();
            if (t.atEnd()) {
                if (!lines.nextContinuation()) {
                    return null; // no second half: the packet line stays incomplete
                }
                continuation();
            }
        }
        Ipv4 packet = ipv4.packet(t, header);
        if (packet != null && packet.transport() instanceof Icmp icmp && icmp.isError()) {
            Quote quote = quote();
            if (quote != null) {
                packet = new Ipv4(header, packet.srcIp(), packet.dstIp(),
                        new Icmp(icmp.type(), icmp.code(), icmp.mtu(), icmp.dataLength(), quote));
            }
        }
        return packet;
    }

    /**
     * With {@code -v}, tcpdump prints the packet an ICMP error quotes on the two continuation lines after it: its
     * IPv4 header in parentheses, then its endpoints ("192.0.2.100.80 > 198.51.100.10.40001: ..."). Returns it,
     * or null; any other next line is left for the reader.
     */
    private Quote quote() throws IOException {
        if (!lines.nextContinuation()) {
            return null;
        }
        continuation();
        TcpdumpTextLine t = line;
        IpHeader header = t.accept("(") ? ipv4.header(t) : null;
        if (header == null || header.printedProtocol() < 0 || !lines.nextContinuation()) {
            return null;
        }
        continuation();
        int protocol = header.printedProtocol();
        boolean ports = protocol == 6 || protocol == 17;
        if (!t.endpoint(ports)) {
            return null;
        }
        int src = t.lastIp;
        int srcPort = t.lastPort;
        if (!t.accept(" > ") || !t.endpoint(ports) || !t.accept(":")) {
            return null;
        }
        return new Quote(protocol, src, t.lastIp, ports ? srcPort : 0, ports ? t.lastPort : 0);
    }

    /** Points the cursor at the continuation line just read, after its indentation. */
    private void continuation() {
        line.reset(lines.chars(), lines.length());
        line.skipSpaces();
    }
}
