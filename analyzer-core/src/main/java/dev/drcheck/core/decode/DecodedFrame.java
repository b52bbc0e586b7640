package dev.drcheck.core.decode;

/**
 * The decoded header fields of one frame: a reusable, mutable view that {@link FrameDecoder} refills for every
 * frame, so that decoding allocates nothing. Consumers read the fields they need during the frame's dispatch and
 * must not keep the instance.
 *
 * <p>MAC addresses are the 48 bits in the low bits of a long; IPv4 addresses are the 32 bits of an int (network
 * order, so {@code 192.0.2.1} is {@code 0xC0000201}); TCP sequence numbers are unsigned 32-bit values in a long.
 * Fields of layers above {@link #layer} are left from earlier frames and must not be read.
 *
 * <p>The link-layer fields (MACs, ethertype, VLAN tags) come from an Ethernet header or from a Linux cooked (SLL or
 * SLL2) pseudo-header; both decode to {@link Layer#ETHERNET} and above. A cooked header has no destination MAC:
 * check {@link #dstMacKnown} and {@link #srcMacKnown} before using a MAC.
 */
public final class DecodedFrame {
    /** TCP flag bits as in the TCP header. */
    public static final int FIN = 0x01;
    /** TCP SYN flag. */
    public static final int SYN = 0x02;
    /** TCP RST flag. */
    public static final int RST = 0x04;
    /** TCP PSH flag. */
    public static final int PSH = 0x08;
    /** TCP ACK flag. */
    public static final int ACK = 0x10;

    /** The most addresses a VRRP advertisement can carry (its address count is one byte). */
    public static final int MAX_VRRP_ADDRESSES = 255;

    /** Linux cooked packet type: sent to the capturing host (PACKET_HOST). */
    public static final int COOKED_HOST = 0;
    /** Linux cooked packet type: link-layer broadcast (PACKET_BROADCAST). */
    public static final int COOKED_BROADCAST = 1;
    /** Linux cooked packet type: link-layer multicast (PACKET_MULTICAST). */
    public static final int COOKED_MULTICAST = 2;
    /** Linux cooked packet type: sent to another host, seen in promiscuous mode (PACKET_OTHERHOST). */
    public static final int COOKED_OTHERHOST = 3;
    /** Linux cooked packet type: sent by the capturing host (PACKET_OUTGOING). */
    public static final int COOKED_OUTGOING = 4;

    /** 1-based frame number in its capture. */
    public long frameNumber;
    /** Capture time, nanoseconds since the epoch. */
    public long timestampNanos;
    /** Highest layer decoded. */
    public Layer layer = Layer.NONE;
    /** The malformation that stopped decoding, or null when the frame decoded cleanly. */
    public DecodeAnomaly anomaly;

    /**
     * Source MAC (48 bits): the Ethernet source address, or the link-layer address of a Linux cooked header. 0 when
     * {@link #srcMacKnown} is false.
     */
    public long srcMac;
    /** Destination MAC (48 bits). 0 when {@link #dstMacKnown} is false (always, in a Linux cooked capture). */
    public long dstMac;
    /**
     * True when {@link #srcMac} is the frame's real source MAC: every Ethernet frame, and a Linux cooked frame whose
     * header carries a 6-byte address of an Ethernet device (ARPHRD 1). False for cooked frames from other devices
     * (loopback, ARPHRD 772, has an all-zero address; tunnels and {@code tun} devices have none), and when the
     * link header could not be decoded ({@link #layer} {@link Layer#NONE} by a truncated link header or an
     * unsupported link type).
     *
     * <p>A cooked header carries one address, the sender's, whatever the direction: for incoming packets (packet
     * types 0-3) it is the source address of the received frame, and for outgoing ones (type 4) it is the source
     * address of the frame being sent, which is the sending interface's own MAC for locally originated frames and
     * the original sender's MAC for frames a bridge forwards out of a port.
     */
    public boolean srcMacKnown;
    /**
     * True when {@link #dstMac} is the frame's real destination MAC: every Ethernet frame. False for every Linux
     * cooked frame (the cooked header has no destination address; {@link #dstMac} is then 0) and when the link
     * header could not be decoded. Consumers that need the destination MAC (which host a frame was sent to,
     * forwarding hops) must treat a false value as "not observed", never as a MAC.
     */
    public boolean dstMacKnown;
    /**
     * The packet type of a Linux cooked header, or -1 for Ethernet frames (and when the link header could not be
     * decoded): {@link #COOKED_HOST} 0 (sent to this host), {@link #COOKED_BROADCAST} 1, {@link #COOKED_MULTICAST} 2,
     * {@link #COOKED_OTHERHOST} 3 (sent to another host, seen in promiscuous mode), {@link #COOKED_OUTGOING} 4 (sent
     * by this host); other values are kept as they are in the header. "This host" is the capturing host's
     * interface that the frame was captured on: with {@code tcpdump -i any} one frame crossing a bridge appears once
     * per interface it crosses, e.g. as HOST or OTHERHOST on the ingress port and as OUTGOING on the egress port.
     */
    public int cookedPacketType;
    /**
     * The interface index of a Linux cooked v2 (SLL2) header (the capturing host's {@code ifindex} of the interface
     * the frame was captured on), or -1 for Ethernet and Linux cooked v1 frames (and when the link header could not
     * be decoded).
     */
    public int cookedInterfaceIndex;
    /** Ethertype after any VLAN tags (for a Linux cooked frame: its protocol field, or the type after its tags). */
    public int etherType;
    /** Number of 802.1Q/802.1ad tags that were skipped. */
    public int vlanTagCount;
    /** VLAN id of the outermost tag, or -1 when untagged. */
    public int outerVlanId;

    /** ARP operation (1 request, 2 reply). */
    public int arpOperation;
    /** ARP sender hardware address. */
    public long arpSenderMac;
    /** ARP sender protocol address. */
    public int arpSenderIp;
    /** ARP target hardware address. */
    public long arpTargetMac;
    /** ARP target protocol address. */
    public int arpTargetIp;

    /** IPv4 source address. */
    public int ipSrc;
    /** IPv4 destination address. */
    public int ipDst;
    /** IPv4 time to live. */
    public int ttl;
    /** IPv4 identification field. */
    public int ipId;
    /** IPv4 protocol number. */
    public int ipProtocol;
    /** IPv4 total length as the header states it. */
    public int ipTotalLength;
    /** True for any fragment (MF set or non-zero offset). */
    public boolean ipFragment;

    /** Source port (TCP/UDP). */
    public int srcPort;
    /** Destination port (TCP/UDP). */
    public int dstPort;
    /** TCP flags byte. */
    public int tcpFlags;
    /** TCP sequence number, unsigned. */
    public long tcpSeq;
    /** TCP acknowledgement number, unsigned. */
    public long tcpAck;

    /** ICMP type. */
    public int icmpType;
    /** ICMP code. */
    public int icmpCode;
    /**
     * True when this ICMP message is an error (destination unreachable, source quench, time exceeded, parameter
     * problem) whose quoted packet was decoded: the {@code icmpQuoted*} fields are then valid.
     */
    public boolean icmpQuoted;
    /** Protocol of the quoted packet. */
    public int icmpQuotedProtocol;
    /** Source address of the quoted packet: the host whose packet failed. */
    public int icmpQuotedSrc;
    /** Destination address of the quoted packet. */
    public int icmpQuotedDst;
    /** Source port of a quoted TCP or UDP packet, 0 for other protocols. */
    public int icmpQuotedSrcPort;
    /** Destination port of a quoted TCP or UDP packet, 0 for other protocols. */
    public int icmpQuotedDstPort;
    /** The next-hop MTU of a "fragmentation needed" error (type 3 code 4); 0 when absent or another message. */
    public int icmpNextHopMtu;

    /** VRRP version: 2 (RFC 3768) or 3 (RFC 5798). */
    public int vrrpVersion;
    /** VRRP virtual router id (VRID), 0-255. */
    public int vrrpVrid;
    /** VRRP priority: 255 for the address owner, 0 for a master resigning, else 1-254. */
    public int vrrpPriority;
    /** Number of IPv4 addresses in the advertisement; the first this many of {@link #vrrpAddresses} are valid. */
    public int vrrpAddressCount;
    /** VRRP v2 authentication type (0 none, 1 simple text, 2 IP AH); -1 for VRRP v3, which has none. */
    public int vrrpAuthType;
    /** Advertisement interval in centiseconds (VRRP v2 states seconds, multiplied here by 100). */
    public int vrrpIntervalCentis;
    /** The advertised IPv4 addresses (the virtual IPs); allocated once, refilled for each advertisement. */
    public final int[] vrrpAddresses = new int[MAX_VRRP_ADDRESSES];
    /**
     * True when the Ethernet source MAC is the IPv4 VRRP virtual router MAC of the advertised VRID,
     * {@code 00:00:5e:00:01:<VRID>} (keepalived's {@code use_vmac}, or a router that sends from the virtual MAC).
     */
    public boolean vrrpFromVirtualMac;

    /** The frame's bytes (the capture source's buffer; valid during dispatch only). */
    public byte[] data;
    /** Offset in {@link #data} of the network-layer header (after link header and tags), or -1 when none. */
    public int networkOffset;
    /** Offset in {@link #data} just past the last captured byte. */
    public int capturedEnd;
    /** Offset in {@link #data} of the transport payload (TCP/UDP data). */
    public int payloadOffset;
    /** Payload length as the IP header implies it (may exceed what was captured). */
    public int payloadLength;
    /** Payload bytes actually present in {@link #data}. */
    public int payloadCapturedLength;

    /** True when the TCP flags contain all of {@code flags}. */
    public boolean hasTcpFlags(int flags) {
        return (tcpFlags & flags) == flags;
    }

    /** True for a connection-opening SYN (SYN without ACK). */
    public boolean isSyn() {
        return layer == Layer.TCP && (tcpFlags & (SYN | ACK)) == SYN;
    }

    /** True for a SYN/ACK. */
    public boolean isSynAck() {
        return layer == Layer.TCP && (tcpFlags & (SYN | ACK)) == (SYN | ACK);
    }
}
