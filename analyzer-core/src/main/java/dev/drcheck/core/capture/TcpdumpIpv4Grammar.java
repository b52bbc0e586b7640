package dev.drcheck.core.capture;

import dev.drcheck.core.capture.TcpdumpPacket.Icmp;
import dev.drcheck.core.capture.TcpdumpPacket.IpHeader;
import dev.drcheck.core.capture.TcpdumpPacket.Ipv4;
import dev.drcheck.core.capture.TcpdumpPacket.Tcp;
import dev.drcheck.core.capture.TcpdumpPacket.Transport;
import dev.drcheck.core.capture.TcpdumpPacket.Udp;

/**
 * The IPv4 part of the tcpdump text grammar: the {@code -v} header in parentheses, and the endpoints with a TCP,
 * UDP or ICMP message after them. Each method reads from the cursor and returns a record, or null (the cursor
 * then somewhere in the line) when the text is not what it expects.
 */
final class TcpdumpIpv4Grammar {
    static final int MAX_IP_TOTAL = 65_535;

    // The -v header being read.
    private int tos;
    private int ttl;
    private int id;
    private int fragment;
    private int printedLength;
    private int printedProtocol;

    /**
     * The -v header after its opening parenthesis: "tos 0x0, ttl 64, id 5138, offset 0, flags [DF], proto TCP (6),
     * length 60)".
     */
    IpHeader header(TcpdumpTextLine t) {
        tos = 0;
        ttl = 64;
        id = 0;
        fragment = 0;
        printedLength = -1;
        printedProtocol = -1;
        while (true) {
            if (!headerItem(t)) {
                return null;
            }
            if (t.accept(")")) {
                return new IpHeader(tos, ttl, id, fragment, printedLength, printedProtocol);
            }
            if (!t.accept(", ")) {
                // items such as "options (RA)" end inside their own parentheses; find the header's end
                t.skipItem();
                if (t.accept(")")) {
                    return new IpHeader(tos, ttl, id, fragment, printedLength, printedProtocol);
                }
                if (!t.accept(", ")) {
                    return null;
                }
            }
        }
    }

    private boolean headerItem(TcpdumpTextLine t) {
        if (t.accept("tos ")) {
            long value = t.hex();
            tos = (int) value;
            return value >= 0 && value <= 0xff;
        }
        if (t.accept("ttl ")) {
            long value = t.decimal(3);
            ttl = (int) value;
            return value >= 0 && value <= 255;
        }
        if (t.accept("id ")) {
            long value = t.decimal(5);
            id = (int) value;
            return value >= 0 && value <= 65535;
        }
        if (t.accept("offset ")) {
            long value = t.decimal(5);
            fragment |= (int) (value / 8);
            return value >= 0 && value <= 65535 && value % 8 == 0;
        }
        if (t.accept("flags [")) {
            return fragmentFlags(t);
        }
        if (t.accept("proto ")) {
            printedProtocol = protocolNumber(t);
            return printedProtocol >= 0;
        }
        if (t.accept("length ")) {
            long value = t.decimal(5);
            printedLength = (int) value;
            return value >= 0 && value <= MAX_IP_TOTAL;
        }
        t.skipItem();
        return true;
    }

    /** "DF, +]" after "flags [". */
    private boolean fragmentFlags(TcpdumpTextLine t) {
        while (!t.atEnd() && t.peek() != ']') {
            if (t.accept("DF")) {
                fragment |= 0x4000;
            } else if (t.accept("+")) {
                fragment |= 0x2000;
            } else if (t.accept("rsvd")) {
                fragment |= 0x8000;
            } else if (!t.accept("none") && !t.accept(",") && !t.accept(" ")) {
                return false;
            }
        }
        return t.accept("]");
    }

    /** "TCP (6)": the number sits in the last parentheses of the item; -1 when it is not 0-255. */
    private static int protocolNumber(TcpdumpTextLine t) {
        t.skipItem();
        int end = t.pos;
        int open = end - 1;
        while (open > 0 && t.text[open] != '(') {
            open--;
        }
        t.pos = open + 1;
        long value = t.decimal(3);
        t.pos = end;
        return value < 0 || value > 255 ? -1 : (int) value;
    }

    /** "SRC.PORT > DST.PORT: Flags [...] ..." or "SRC > DST: ICMP ...", from the cursor. */
    Ipv4 packet(TcpdumpTextLine t, IpHeader header) {
        int start = t.pos;
        Transport transport;
        int srcIp;
        int dstIp;
        if (t.endpoint(true)) {
            srcIp = t.lastIp;
            int srcPort = t.lastPort;
            if (!t.accept(" > ") || !t.endpoint(true) || !t.accept(": ")) {
                return null;
            }
            dstIp = t.lastIp;
            transport = portTransport(t, srcPort, t.lastPort);
        } else {
            t.pos = start;
            if (!t.endpoint(false)) {
                return null;
            }
            srcIp = t.lastIp;
            if (!t.accept(" > ") || !t.endpoint(false) || !t.accept(": ICMP ")) {
                return null;
            }
            dstIp = t.lastIp;
            transport = icmp(t);
        }
        if (transport == null || (header.printedProtocol() >= 0 && header.printedProtocol() != transport.protocol())) {
            return null;
        }
        return new Ipv4(header, srcIp, dstIp, transport);
    }

    private static Transport portTransport(TcpdumpTextLine t, int srcPort, int dstPort) {
        if (t.accept("Flags [")) {
            return tcp(t, srcPort, dstPort);
        }
        if (t.accept("UDP, length ")) {
            long length = t.decimal(5);
            return length < 0 ? null : new Udp(srcPort, dstPort, (int) length);
        }
        return null;
    }

    private static Tcp tcp(TcpdumpTextLine t, int srcPort, int dstPort) {
        int flags = tcpFlags(t);
        if (flags < 0 || !t.accept("]")) {
            return null;
        }
        long seq = -1;
        long ack = -1;
        long window = 0;
        long urgent = 0;
        long dataLength = -1;
        while (dataLength < 0 && t.accept(", ")) {
            if (t.accept("seq ")) {
                seq = t.decimal(10);
                if (seq < 0 || seq > 0xffff_ffffL || (t.accept(":") && t.decimal(10) < 0)) {
                    return null;
                }
            } else if (t.accept("ack ")) {
                ack = t.decimal(10);
                if (ack < 0 || ack > 0xffff_ffffL) {
                    return null;
                }
            } else if (t.accept("win ")) {
                window = t.decimal(5);
                if (window < 0 || window > 65535) {
                    return null;
                }
            } else if (t.accept("urg ")) {
                urgent = t.decimal(5);
                if (urgent < 0 || urgent > 65535) {
                    return null;
                }
            } else if (t.accept("length ")) {
                dataLength = t.decimal(5);
                if (dataLength < 0 || dataLength > MAX_IP_TOTAL) {
                    return null;
                }
            } else {
                t.skipItem();
            }
        }
        if (dataLength < 0 || ((flags & 0x10) != 0 && ack < 0)) {
            return null;
        }
        return new Tcp(srcPort, dstPort, flags, seq, ack, (int) window, (int) urgent, (int) dataLength);
    }

    /** The flags between "Flags [" and "]" as the TCP flags byte, or -1. */
    private static int tcpFlags(TcpdumpTextLine t) {
        if (t.accept("none")) {
            return 0;
        }
        int flags = 0;
        while (!t.atEnd() && t.peek() != ']') {
            int flag = switch (t.peek()) {
                case 'F' -> 0x01;
                case 'S' -> 0x02;
                case 'R' -> 0x04;
                case 'P' -> 0x08;
                case '.' -> 0x10;
                case 'U' -> 0x20;
                case 'E' -> 0x40;
                case 'W' -> 0x80;
                case 'e' -> 0;
                default -> -1;
            };
            if (flag < 0) {
                return -1;
            }
            flags |= flag;
            t.pos++;
        }
        return flags;
    }

    private static Icmp icmp(TcpdumpTextLine t) {
        int type;
        int code = 0;
        int mtu = 0;
        if (t.startsWith("echo request")) {
            type = 8;
        } else if (t.startsWith("echo reply")) {
            type = 0;
        } else if (t.startsWith("time exceeded in-transit")) {
            type = 11;
        } else if (t.startsWith("net ")) {
            type = 3;
        } else if (t.startsWith("host ")) {
            type = 3;
            code = 1;
        } else {
            int itemStart = t.pos;
            t.skipItem();
            int itemEnd = t.pos;
            t.pos = itemStart;
            if (!containsWithin(t, " unreachable", itemStart, itemEnd)) {
                return null;
            }
            type = 3;
            code = containsWithin(t, " port ", itemStart, itemEnd) ? 3
                    : containsWithin(t, " protocol ", itemStart, itemEnd) ? 2
                    : containsWithin(t, "need to frag", itemStart, itemEnd) ? 4 : 1;
            if (code == 4 && t.skipPast("(mtu ")) {
                long value = t.decimal(5);
                mtu = value > 0 && value <= 0xffff ? (int) value : 0;
            }
        }
        if (!t.skipPast(", length ")) {
            return null;
        }
        long length = t.decimal(5);
        if (length < 0) {
            return null;
        }
        return new Icmp(type, code, mtu, (int) Math.max(0, length - 8), null);
    }

    private static boolean containsWithin(TcpdumpTextLine t, String literal, int from, int to) {
        int n = literal.length();
        for (int i = from; i + n <= to; i++) {
            int j = 0;
            while (j < n && t.text[i + j] == literal.charAt(j)) {
                j++;
            }
            if (j == n) {
                return true;
            }
        }
        return false;
    }
}
