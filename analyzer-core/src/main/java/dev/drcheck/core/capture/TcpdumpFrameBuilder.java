package dev.drcheck.core.capture;

import dev.drcheck.core.capture.TcpdumpPacket.Arp;
import dev.drcheck.core.capture.TcpdumpPacket.Icmp;
import dev.drcheck.core.capture.TcpdumpPacket.IpHeader;
import dev.drcheck.core.capture.TcpdumpPacket.Ipv4;
import dev.drcheck.core.capture.TcpdumpPacket.Quote;
import dev.drcheck.core.capture.TcpdumpPacket.Tcp;
import dev.drcheck.core.capture.TcpdumpPacket.Transport;
import dev.drcheck.core.capture.TcpdumpPacket.Udp;

import java.util.Arrays;

/**
 * Synthesises the Ethernet frame of a {@link TcpdumpPacket} into one reused buffer: the Ethernet header with its
 * tags, then the ARP message or the IPv4 packet. A TCP header is 20 bytes (more, padded with NOP options, when the
 * {@code -v} IP length implies options), a UDP or ICMP header 8, then as many zero bytes as the payload length;
 * checksums are 0 except the IPv4 header's. TCP numbers are made absolute by {@link TcpdumpTextSequences}.
 */
final class TcpdumpFrameBuilder {
    private static final int MAX_IP_TOTAL = TcpdumpIpv4Grammar.MAX_IP_TOTAL;
    private static final int BUFFER = 14 + 4 * TcpdumpPacketGrammar.MAX_TAGS + MAX_IP_TOTAL + 64;

    private final byte[] out = new byte[BUFFER];
    private final TcpdumpTextSequences sequences = new TcpdumpTextSequences();

    /** The buffer {@link #write} fills; overwritten by the next call. */
    byte[] buffer() {
        return out;
    }

    /** The conversations of relative TCP numbers forgotten because the table was full. */
    long sequenceResets() {
        return sequences.resets();
    }

    /** Writes the frame of {@code p} into {@link #buffer()}; returns its length. */
    int write(TcpdumpPacket p) {
        byte[] b = out;
        putMac(b, 0, p.dstMac());
        putMac(b, 6, p.srcMac());
        int at = 12;
        for (int i = 0; i < p.tagCount(); i++) {
            putInt(b, at, p.tag(i));
            at += 4;
        }
        putShort(b, at, p.etherType());
        at += 2;
        if (p.arp() != null) {
            return writeArp(b, at, p.arp());
        }
        if (p.ipv4() != null) {
            return writeIpv4(b, at, p.ipv4());
        }
        return at;
    }

    private static int writeArp(byte[] b, int at, Arp arp) {
        putShort(b, at, 1);
        putShort(b, at + 2, TcpdumpPacketGrammar.ETHERTYPE_IPV4);
        b[at + 4] = 6;
        b[at + 5] = 4;
        putShort(b, at + 6, arp.op());
        putMac(b, at + 8, arp.senderMac());
        putInt(b, at + 14, arp.senderIp());
        putMac(b, at + 18, arp.targetMac());
        putInt(b, at + 24, arp.targetIp());
        return at + 28;
    }

    private int writeIpv4(byte[] b, int ip, Ipv4 packet) {
        Transport transport = packet.transport();
        IpHeader h = packet.header();
        int dataLength = transport.dataLength();
        int transportHeader = transport instanceof Tcp ? tcpHeaderLength(h, dataLength) : 8;
        int total = 20 + transportHeader + dataLength;
        if (total > MAX_IP_TOTAL) {
            dataLength = MAX_IP_TOTAL - 20 - transportHeader;
            total = MAX_IP_TOTAL;
        }
        b[ip] = 0x45;
        b[ip + 1] = (byte) h.tos();
        putShort(b, ip + 2, total);
        putShort(b, ip + 4, h.id());
        putShort(b, ip + 6, h.fragment());
        b[ip + 8] = (byte) h.ttl();
        b[ip + 9] = (byte) transport.protocol();
        putShort(b, ip + 10, 0);
        putInt(b, ip + 12, packet.srcIp());
        putInt(b, ip + 16, packet.dstIp());
        putShort(b, ip + 10, ipChecksum(b, ip));
        int l4 = ip + 20;
        Arrays.fill(b, l4, l4 + transportHeader + dataLength, (byte) 0);
        if (transport instanceof Tcp tcp) {
            writeTcp(b, l4, packet, tcp, transportHeader, dataLength);
        } else if (transport instanceof Udp udp) {
            putShort(b, l4, udp.srcPort());
            putShort(b, l4 + 2, udp.dstPort());
            putShort(b, l4 + 4, Math.min(8 + dataLength, 0xffff));
        } else if (transport instanceof Icmp icmp) {
            b[l4] = (byte) icmp.type();
            b[l4 + 1] = (byte) icmp.code();
            putShort(b, l4 + 6, icmp.mtu());
            if (icmp.isError() && dataLength >= 20) {
                writeIcmpQuote(b, l4 + 8, icmp.quote(), packet.dstIp(), dataLength);
            }
        }
        return l4 + transportHeader + dataLength;
    }

    private void writeTcp(byte[] b, int l4, Ipv4 packet, Tcp tcp, int headerLength, int dataLength) {
        sequences.resolve(packet.srcIp(), tcp.srcPort(), packet.dstIp(), tcp.dstPort(), tcp.flags(), tcp.printedSeq(),
                tcp.printedAck(), dataLength);
        putShort(b, l4, tcp.srcPort());
        putShort(b, l4 + 2, tcp.dstPort());
        putInt(b, l4 + 4, (int) sequences.seq);
        putInt(b, l4 + 8, (int) sequences.ack);
        b[l4 + 12] = (byte) ((headerLength / 4) << 4);
        b[l4 + 13] = (byte) tcp.flags();
        putShort(b, l4 + 14, tcp.window());
        putShort(b, l4 + 18, tcp.urgent());
        Arrays.fill(b, l4 + 20, l4 + headerLength, (byte) 1); // NOP options
    }

    /**
     * The quoted packet of an ICMP error: the header and ports -v printed, else a bare IPv4 header (protocol 0)
     * from the error's destination, which ties the error to no flow.
     */
    private static void writeIcmpQuote(byte[] b, int at, Quote quote, int errorDstIp, int dataLength) {
        b[at] = 0x45;
        if (quote == null) {
            putInt(b, at + 12, errorDstIp);
            return;
        }
        b[at + 9] = (byte) quote.protocol();
        putInt(b, at + 12, quote.srcIp());
        putInt(b, at + 16, quote.dstIp());
        if ((quote.protocol() == 6 || quote.protocol() == 17) && dataLength >= 24) {
            putShort(b, at + 20, quote.srcPort());
            putShort(b, at + 22, quote.dstPort());
        }
    }

    /** 20, or what the -v IP length implies when that is a valid TCP header length. */
    private static int tcpHeaderLength(IpHeader h, int dataLength) {
        if (h.printedLength() > 0) {
            int implied = h.printedLength() - 20 - dataLength;
            if (implied >= 20 && implied <= 60 && implied % 4 == 0) {
                return implied;
            }
        }
        return 20;
    }

    private static int ipChecksum(byte[] b, int at) {
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += (b[at + i] & 0xff) << 8 | (b[at + i + 1] & 0xff);
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }

    private static void putMac(byte[] b, int at, long mac) {
        for (int i = 0; i < 6; i++) {
            b[at + i] = (byte) (mac >>> (40 - 8 * i));
        }
    }

    private static void putShort(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }

    private static void putInt(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }
}
