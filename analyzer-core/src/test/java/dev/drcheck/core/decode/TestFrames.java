package dev.drcheck.core.decode;

import dev.drcheck.core.capture.CapturedFrame;
import dev.drcheck.core.capture.LinkType;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Builds well-formed Ethernet and Linux cooked frames byte by byte for tests; malformed ones are made by editing
 * their bytes.
 */
public final class TestFrames {
    /** Client MAC used by the shorthand builders. */
    public static final long CLIENT_MAC = Mac.parse("02:00:00:00:00:01");
    /** Director MAC used by the shorthand builders. */
    public static final long DIRECTOR_MAC = Mac.parse("02:00:00:00:00:10");
    /** Client address used by the shorthand builders. */
    public static final int CLIENT_IP = Ipv4.parse("198.51.100.7");
    /** Virtual IP used by the shorthand builders. */
    public static final int VIP = Ipv4.parse("192.0.2.100");

    /** IPv4 ethertype. */
    public static final int IPV4 = 0x0800;
    /** ARP ethertype. */
    public static final int ARP = 0x0806;
    /** IPv6 ethertype. */
    public static final int IPV6 = 0x86dd;
    /** 802.1Q tag protocol identifier. */
    public static final int DOT1Q = 0x8100;
    /** 802.1ad tag protocol identifier. */
    public static final int DOT1AD = 0x88a8;
    /** Legacy QinQ tag protocol identifier. */
    public static final int QINQ_9100 = 0x9100;
    /** ICMP protocol number. */
    public static final int ICMP = 1;
    /** TCP protocol number. */
    public static final int TCP = 6;
    /** UDP protocol number. */
    public static final int UDP = 17;
    /** Offset of the IPv4 header in an untagged frame. */
    public static final int IP_OFFSET = 14;
    /** Offset of the transport header in an untagged frame with a 20-byte IPv4 header. */
    public static final int TRANSPORT_OFFSET = 34;

    /** Junk around the frame in {@link #captured}, so that reads outside the frame would show. */
    private static final int LEADING_JUNK = 5;
    private static final int TRAILING_JUNK = 64;

    private TestFrames() {
    }

    /** A VLAN tag: tag protocol identifier and VLAN id (priority 0). */
    public record Tag(int tpid, int vlanId) {
    }

    /** An Ethernet II frame from the director to the client. */
    public static byte[] ethernet(int etherType, byte[] payload, Tag... tags) {
        Bytes frame = new Bytes().mac(CLIENT_MAC).mac(DIRECTOR_MAC);
        for (Tag tag : tags) {
            frame.u16(tag.tpid()).u16(tag.vlanId());
        }
        return frame.u16(etherType).bytes(payload).toArray();
    }

    /**
     * A Linux cooked (SLL v1) frame: packet type, ARPHRD type, address length, address (padded to 8 bytes),
     * protocol, then the VLAN tags and the payload.
     */
    public static byte[] sll(int packetType, int hardwareType, int addressLength, long mac, int protocol,
                             byte[] payload, Tag... tags) {
        Bytes frame = new Bytes().u16(packetType).u16(hardwareType).u16(addressLength).mac(mac).u16(0);
        return cookedTail(frame.u16(tags.length == 0 ? protocol : tags[0].tpid()), protocol, payload, tags);
    }

    /**
     * A Linux cooked v2 (SLL2) frame: protocol, reserved, interface index, ARPHRD type, packet type, address length,
     * address (padded to 8 bytes), then the VLAN tags and the payload.
     */
    public static byte[] sll2(int packetType, int interfaceIndex, int hardwareType, int addressLength, long mac,
                              int protocol, byte[] payload, Tag... tags) {
        Bytes frame = new Bytes().u16(tags.length == 0 ? protocol : tags[0].tpid()).u16(0).u32(interfaceIndex)
                .u16(hardwareType).u8(packetType).u8(addressLength).mac(mac).u16(0);
        return cookedTail(frame, protocol, payload, tags);
    }

    /** Appends VLAN tags as they follow a cooked header's protocol field: TCI, then the next type. */
    private static byte[] cookedTail(Bytes frame, int protocol, byte[] payload, Tag... tags) {
        for (int i = 0; i < tags.length; i++) {
            frame.u16(tags[i].vlanId()).u16(i + 1 < tags.length ? tags[i + 1].tpid() : protocol);
        }
        return frame.bytes(payload).toArray();
    }

    /** An IPv4 packet: IHL 5, TTL 64, id 0x1c46, DF set, total length from the payload. */
    public static byte[] ipv4(int protocol, int source, int destination, byte[] payload) {
        return new Bytes().u8(0x45).u8(0).u16(20 + payload.length).u16(0x1c46).u16(0x4000)
                .u8(64).u8(protocol).u16(0).u32(source).u32(destination).bytes(payload).toArray();
    }

    /** A TCP segment with a 20-byte header. */
    public static byte[] tcp(int sourcePort, int destinationPort, long seq, long ack, int flags, byte[] payload) {
        return new Bytes().u16(sourcePort).u16(destinationPort).u32((int) seq).u32((int) ack)
                .u8(5 << 4).u8(flags).u16(65535).u16(0).u16(0).bytes(payload).toArray();
    }

    /** A UDP datagram. */
    public static byte[] udp(int sourcePort, int destinationPort, byte[] payload) {
        return new Bytes().u16(sourcePort).u16(destinationPort).u16(8 + payload.length).u16(0)
                .bytes(payload).toArray();
    }

    /** An ICMP message with an 8-byte header (identifier and sequence for echo). */
    public static byte[] icmp(int type, int code, int identifier, int sequence) {
        return new Bytes().u8(type).u8(code).u16(0).u16(identifier).u16(sequence).toArray();
    }

    /**
     * An ICMP error: type, code, the next-hop MTU field (type 3 code 4; 0 otherwise), then the first
     * {@code quotedLength} bytes of {@code quotedPacket}, the packet that failed.
     */
    public static byte[] icmpError(int type, int code, int mtu, byte[] quotedPacket, int quotedLength) {
        return new Bytes().u8(type).u8(code).u16(0).u16(0).u16(mtu)
                .bytes(Arrays.copyOf(quotedPacket, quotedLength)).toArray();
    }

    /** An ARP packet for Ethernet/IPv4. */
    public static byte[] arp(int operation, long senderMac, int senderIp, long targetMac, int targetIp) {
        return new Bytes().u16(1).u16(IPV4).u8(6).u8(4).u16(operation)
                .mac(senderMac).u32(senderIp).mac(targetMac).u32(targetIp).toArray();
    }

    /** An untagged Ethernet/IPv4/TCP frame from the client to the VIP. */
    public static byte[] tcpFrame(int sourcePort, int destinationPort, long seq, long ack, int flags,
                                  byte[] payload) {
        return ethernet(IPV4, ipv4(TCP, CLIENT_IP, VIP, tcp(sourcePort, destinationPort, seq, ack, flags, payload)));
    }

    /** The frame fully captured, as frame 1 of an Ethernet capture, surrounded by junk bytes in its buffer. */
    public static CapturedFrame captured(byte[] frame) {
        return captured(LinkType.ETHERNET, frame, frame.length);
    }

    /** The frame cut to its first {@code capturedLength} bytes, as a snap length would cut it. */
    public static CapturedFrame captured(byte[] frame, int capturedLength) {
        return captured(LinkType.ETHERNET, frame, capturedLength);
    }

    /** The frame captured with the given link type and captured length. */
    public static CapturedFrame captured(int linkType, byte[] frame, int capturedLength) {
        byte[] buffer = new byte[LEADING_JUNK + frame.length + TRAILING_JUNK];
        Arrays.fill(buffer, (byte) 0x45);
        System.arraycopy(frame, 0, buffer, LEADING_JUNK, capturedLength);
        CapturedFrame captured = new CapturedFrame();
        captured.set(1, 1_700_000_000_000_000_000L, linkType, buffer, LEADING_JUNK, capturedLength, frame.length);
        return captured;
    }

    /** A copy of {@code frame} with the byte at {@code index} replaced. */
    public static byte[] withByte(byte[] frame, int index, int value) {
        byte[] copy = frame.clone();
        copy[index] = (byte) value;
        return copy;
    }

    /** The first {@code length} bytes of {@code frame}, as a frame that is that short on the wire. */
    public static byte[] cut(byte[] frame, int length) {
        return Arrays.copyOf(frame, length);
    }

    /** Bytes counting up from 0, as a recognisable payload. */
    public static byte[] payload(int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) i;
        }
        return payload;
    }

    /** A big-endian byte writer. */
    public static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        /** Appends one byte. */
        public Bytes u8(int value) {
            out.write(value);
            return this;
        }

        /** Appends two bytes, big-endian. */
        public Bytes u16(int value) {
            return u8(value >>> 8).u8(value);
        }

        /** Appends four bytes, big-endian. */
        public Bytes u32(int value) {
            return u16(value >>> 16).u16(value);
        }

        /** Appends a 48-bit MAC. */
        public Bytes mac(long mac) {
            return u16((int) (mac >>> 32)).u32((int) mac);
        }

        /** Appends raw bytes. */
        public Bytes bytes(byte[] raw) {
            out.writeBytes(raw);
            return this;
        }

        /** The bytes written. */
        public byte[] toArray() {
            return out.toByteArray();
        }
    }
}
