package dev.drcheck.core.capture;

import java.util.Arrays;
import java.util.Objects;

/**
 * One packet line of {@code tcpdump -nn -e} text, with its continuation lines, as {@link TcpdumpPacketGrammar}
 * read it: immutable, and all {@link TcpdumpFrameBuilder} needs to synthesise the frame.
 *
 * @param timestamp nanoseconds since 1970
 * @param srcMac the Ethernet source
 * @param dstMac the Ethernet destination
 * @param frameLength the frame length tcpdump printed
 * @param tags the 802.1Q / 802.1ad tags, outermost first, each {@code TPID << 16 | TCI}
 * @param etherType the ethertype after the tags
 * @param arp the ARP message, when the ethertype is ARP
 * @param ipv4 the IPv4 packet, when the ethertype is IPv4
 */
record TcpdumpPacket(long timestamp, long srcMac, long dstMac, int frameLength, int[] tags, int etherType, Arp arp,
                     Ipv4 ipv4) {

    /** Copies the tags. */
    TcpdumpPacket {
        tags = tags.clone();
    }

    /** A copy of the tags. */
    @Override
    public int[] tags() {
        return tags.clone();
    }

    /** Number of VLAN tags. */
    int tagCount() {
        return tags.length;
    }

    /** Tag {@code i} ({@code TPID << 16 | TCI}). */
    int tag(int i) {
        return tags[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpdumpPacket p && timestamp == p.timestamp && srcMac == p.srcMac && dstMac == p.dstMac
                && frameLength == p.frameLength && Arrays.equals(tags, p.tags) && etherType == p.etherType
                && Objects.equals(arp, p.arp) && Objects.equals(ipv4, p.ipv4);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestamp, srcMac, dstMac, frameLength, Arrays.hashCode(tags), etherType, arp,
                ipv4);
    }

    @Override
    public String toString() {
        return "TcpdumpPacket[timestamp=" + timestamp + ", srcMac=" + srcMac + ", dstMac=" + dstMac + ", frameLength="
                + frameLength + ", tags=" + Arrays.toString(tags) + ", etherType=" + etherType + ", arp=" + arp
                + ", ipv4=" + ipv4 + "]";
    }

    /** An ARP request (op 1) or reply (op 2); a MAC or IP tcpdump does not print is 0. */
    record Arp(int op, long senderMac, int senderIp, long targetMac, int targetIp) {
    }

    /**
     * The IPv4 header fields {@code -v} prints; without {@code -v} TTL 64 and the rest 0.
     *
     * @param printedLength the total length printed, or -1
     * @param printedProtocol the protocol number printed, or -1
     */
    record IpHeader(int tos, int ttl, int id, int fragment, int printedLength, int printedProtocol) {
        /** What a line without {@code -v} implies. */
        static final IpHeader UNPRINTED = new IpHeader(0, 64, 0, 0, -1, -1);
    }

    /** An IPv4 packet: header, addresses and one of the transports. */
    record Ipv4(IpHeader header, int srcIp, int dstIp, Transport transport) {
    }

    /** What an IPv4 packet carries. */
    sealed interface Transport permits Tcp, Udp, Icmp {
        /** The IP protocol number. */
        int protocol();

        /** Payload bytes after the transport header. */
        int dataLength();
    }

    /** A TCP segment; {@code printedSeq} and {@code printedAck} are -1 when not printed. */
    record Tcp(int srcPort, int dstPort, int flags, long printedSeq, long printedAck, int window, int urgent,
               int dataLength) implements Transport {
        @Override
        public int protocol() {
            return 6;
        }
    }

    /** A UDP datagram. */
    record Udp(int srcPort, int dstPort, int dataLength) implements Transport {
        @Override
        public int protocol() {
            return 17;
        }
    }

    /**
     * An ICMP message.
     *
     * @param mtu the next-hop MTU of "need to frag", else 0
     * @param quote the packet an error quotes, when {@code -v} printed it; else null
     */
    record Icmp(int type, int code, int mtu, int dataLength, Quote quote) implements Transport {
        @Override
        public int protocol() {
            return 1;
        }

        /** True for destination unreachable and time exceeded, which quote a packet. */
        boolean isError() {
            return type == 3 || type == 11;
        }
    }

    /** The packet an ICMP error quotes: protocol, addresses and (TCP, UDP) ports. */
    record Quote(int protocol, int srcIp, int dstIp, int srcPort, int dstPort) {
    }
}
