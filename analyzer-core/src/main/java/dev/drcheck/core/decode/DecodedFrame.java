package dev.drcheck.core.decode;

/**
 * The decoded header fields of one frame: a reusable, mutable view that {@link FrameDecoder} refills for every
 * frame, so that decoding allocates nothing. Consumers read the fields they need during the frame's dispatch and
 * must not keep the instance.
 *
 * <p>MAC addresses are the 48 bits in the low bits of a long; IPv4 addresses are the 32 bits of an int (network
 * order, so {@code 192.0.2.1} is {@code 0xC0000201}); TCP sequence numbers are unsigned 32-bit values in a long.
 * Fields of layers above {@link #layer} are left from earlier frames and must not be read.
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

    /** 1-based frame number in its capture. */
    public long frameNumber;
    /** Capture time, nanoseconds since the epoch. */
    public long timestampNanos;
    /** Highest layer decoded. */
    public Layer layer = Layer.NONE;
    /** The malformation that stopped decoding, or null when the frame decoded cleanly. */
    public DecodeAnomaly anomaly;

    /** Source MAC (48 bits). */
    public long srcMac;
    /** Destination MAC (48 bits). */
    public long dstMac;
    /** Ethertype after any VLAN tags. */
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

    /** The frame's bytes (the capture source's buffer; valid during dispatch only). */
    public byte[] data;
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
