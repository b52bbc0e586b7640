package dev.drcheck.core.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the text {@code tcpdump -nn -e} prints and hands each packet line out as an Ethernet frame synthesised
 * from what the line says, so that the decoder and everything after it treat it like a frame from a pcap file.
 *
 * <h2>What is understood</h2>
 * <ul>
 *   <li>Timestamps: tcpdump's default {@code HH:MM:SS.ffffff}, {@code -tttt} ({@code 2026-11-22 02:32:13.220768}),
 *       {@code -tt} ({@code 1763778733.220768}), each with 1 to 9 fraction digits ({@code --nano}), and no
 *       timestamp at all ({@code -t}). A time without a date is read as a time on 1970-01-01 UTC; when it goes
 *       back by more than 12 hours the reader assumes midnight passed and adds a day. Dates of {@code -tttt} are
 *       read as UTC (tcpdump prints them in its local time zone). Lines without a timestamp get the previous
 *       line's time plus 1 µs. {@code -ttt} and {@code -ttttt} (deltas) look like times of day and are read as
 *       such, which gives wrong times.</li>
 *   <li>The Ethernet header from {@code -e}: source and destination MAC, ethertype, and 802.1Q / 802.1ad tags
 *       ({@code vlan N, p P[, DEI], ethertype ...}).</li>
 *   <li>ARP: {@code Request who-has T [(M)] tell S} (sender MAC = Ethernet source; target MAC as printed, else
 *       00:00:00:00:00:00) and {@code Reply S is-at M} (target MAC = Ethernet destination; the target IP is not
 *       printed and is left 0.0.0.0). The {@code -v} prefix {@code Ethernet (len 6), IPv4 (len 4),} is accepted.</li>
 *   <li>IPv4 with TCP ({@code Flags [...]}, seq, ack, win, urg, length), UDP ({@code UDP, length N}) and the common
 *       ICMP messages (echo, unreachable, time exceeded). The IPv4 header fields printed by {@code -v} (TTL, id,
 *       DF/MF, fragment offset, total length, in the two-line form) are carried over; without {@code -v} the TTL
 *       is 64 and the id 0.</li>
 *   <li>Other ethertypes become a bare Ethernet frame with that ethertype.</li>
 * </ul>
 *
 * <h2>What the synthetic frame holds</h2>
 * A TCP header of 20 bytes (more, padded with NOP options, when {@code -v} printed an IP length implying options),
 * a UDP header of 8 and an ICMP header of 8 bytes, followed by as many zero bytes as the line's {@code length N}:
 * payload contents are not in the text, so two copies of one packet hash alike, and a hop that rewrites payload
 * cannot be seen. The packet an ICMP error quotes is printed only by {@code -v}, on the two continuation lines
 * after the error (its IPv4 header, then its endpoints): from them the error quotes that header with its ports.
 * Without them an error of 20 bytes or more quotes a bare IPv4 header (protocol 0, the error's destination as its
 * source), so it is counted but tied to no flow. The next-hop MTU of "need to frag (mtu N)" is kept. Checksums
 * are 0 except the IPv4 header checksum. TCP numbers are turned back into absolute ones (see
 * {@link TcpdumpTextSequences}), for text printed with or without {@code -S}.
 *
 * <h2>Frame numbers and lines not understood</h2>
 * Each packet line (one that starts with a timestamp, or with a MAC address under {@code -t}) takes the next frame
 * number, understood or not, so numbers match {@code tcpdump -r} and Wireshark on the same capture. A packet line
 * that is not understood yields no frame; it and any other unrecognised line are counted in
 * {@link #linesNotUnderstood()} and described in {@link #notes()}. Indented continuation lines ({@code -v} second
 * lines, payload dumps), blank lines and tcpdump's own messages are skipped. Lines longer than
 * {@value #MAX_LINE_CHARS} characters are not read into memory and count as not understood. A bad line never
 * ends the stream: {@link #damage()} is always empty.
 *
 * <p>One line buffer and one frame buffer are reused; nothing is allocated per line.
 */
public final class TcpdumpTextReader implements FrameSource {
    /** Longest line read; longer ones are skipped and counted as not understood. */
    public static final int MAX_LINE_CHARS = 64 * 1024;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_DAY = 86_400L * NANOS_PER_SECOND;
    private static final long HALF_DAY = NANOS_PER_DAY / 2;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_ARP = 0x0806;
    private static final int MAX_TAGS = 4;
    private static final int MAX_IP_TOTAL = 65_535;
    private static final int FRAME_BUFFER = 14 + 4 * MAX_TAGS + MAX_IP_TOTAL + 64;

    private static final int OK = 0;
    private static final int FAIL = 1;
    private static final int NEEDS_CONTINUATION = 2;

    private final BufferedReader in;
    private final String name;
    private final char[] lineChars = new char[MAX_LINE_CHARS];
    private final TcpdumpTextLine line = new TcpdumpTextLine();
    private final byte[] out = new byte[FRAME_BUFFER];
    private final TcpdumpTextSequences sequences = new TcpdumpTextSequences();

    private int lineLength;
    private boolean lineOverlong;
    private boolean haveLine;
    private boolean endOfInput;
    private long lineNumber;
    private long unterminatedLine;

    private long frameNumber;
    private long notUnderstood;
    private long firstNotUnderstood;
    private long withoutMacs;
    private long timesWithoutDate;
    private long linesWithoutTime;
    private long dayOffset;
    private long lastTimeOfDay = -1;
    private long lastTimestamp;
    private long dayRollovers;

    // Fields of the packet line being parsed.
    private long timestamp;
    private long srcMac;
    private long dstMac;
    private int frameLength;
    private final int[] tagTypes = new int[MAX_TAGS];
    private final int[] tagControls = new int[MAX_TAGS];
    private int tagCount;
    private int etherType;
    private int arpOp;
    private long arpSenderMac;
    private int arpSenderIp;
    private long arpTargetMac;
    private int arpTargetIp;
    private int tos;
    private int ttl;
    private int ipId;
    private int fragmentField;
    private int printedIpLength;
    private int printedProtocol;
    private int protocol;
    private int srcIp;
    private int dstIp;
    private int srcPort;
    private int dstPort;
    private int tcpFlags;
    private long printedSeq;
    private long printedAck;
    private int window;
    private int urgent;
    private int dataLength;
    private int icmpType;
    private int icmpCode;
    private int icmpMtu;
    // The packet an ICMP error quotes, as -v prints it; quotedProtocol -1 when not printed.
    private int quotedProtocol;
    private int quotedSrcIp;
    private int quotedDstIp;
    private int quotedSrcPort;
    private int quotedDstPort;

    private TcpdumpTextReader(BufferedReader in, String name) {
        this.in = in;
        this.name = name;
    }

    /**
     * Reads {@code tcpdump -nn -e} text. The reader takes ownership of {@code in}; nothing is read until
     * {@link #next(CapturedFrame)}.
     *
     * @param name the name used in reports, such as the file name
     */
    public static TcpdumpTextReader open(BufferedReader in, String name) {
        return new TcpdumpTextReader(in, name);
    }

    @Override
    public boolean next(CapturedFrame frame) throws IOException {
        while (true) {
            if (!haveLine && !readLine()) {
                return false;
            }
            haveLine = false;
            long packetLineNumber = lineNumber;
            if (lineLength == 0 && !lineOverlong) {
                continue;
            }
            char first = lineChars[0];
            if (first == ' ' || first == '\t') {
                continue; // continuation: -v second lines without a packet line before them, payload dumps
            }
            line.reset(lineChars, lineLength);
            if (!parseTimestamp()) {
                if (!lineOverlong && isTcpdumpMessage()) {
                    continue;
                }
                notUnderstood(packetLineNumber);
                continue;
            }
            frameNumber++;
            if (lineOverlong) {
                notUnderstood(packetLineNumber);
                continue;
            }
            int result = parsePacket();
            if (result == NEEDS_CONTINUATION) {
                if (readContinuation()) {
                    line.reset(lineChars, lineLength);
                    line.skipSpaces();
                    result = parseIpv4Payload();
                } else {
                    result = FAIL; // no second half: the packet line stays incomplete
                }
            }
            if (result != OK) {
                notUnderstood(packetLineNumber);
                continue;
            }
            quotedProtocol = -1;
            if (protocol == 1 && isIcmpError()) {
                readIcmpQuote();
            }
            int length = writeFrame();
            frame.set(frameNumber, timestamp, LinkType.ETHERNET, out, 0, length, Math.max(length, frameLength));
            return true;
        }
    }

    // ---------------------------------------------------------------- lines

    /** Reads the next line into {@link #lineChars}; false at the end of the input. */
    private boolean readLine() throws IOException {
        if (endOfInput) {
            return false;
        }
        lineLength = 0;
        lineOverlong = false;
        boolean any = false;
        while (true) {
            int c = in.read();
            if (c < 0) {
                endOfInput = true;
                if (any) {
                    lineNumber++;
                    unterminatedLine = lineNumber;
                    trimCarriageReturn();
                }
                return any;
            }
            any = true;
            if (c == '\n') {
                lineNumber++;
                trimCarriageReturn();
                return true;
            }
            if (lineLength < MAX_LINE_CHARS) {
                lineChars[lineLength++] = (char) c;
            } else {
                lineOverlong = true;
            }
        }
    }

    private void trimCarriageReturn() {
        if (!lineOverlong && lineLength > 0 && lineChars[lineLength - 1] == '\r') {
            lineLength--;
        }
    }

    private boolean isTcpdumpMessage() {
        line.pos = 0;
        if (line.startsWith("reading from ") || line.startsWith("tcpdump: ") || line.startsWith("listening on ")
                || line.startsWith("dropped privs")) {
            return true;
        }
        if (line.decimal(19) >= 0) {
            return line.accept(" packet");
        }
        return false;
    }

    private void notUnderstood(long at) {
        if (notUnderstood == 0) {
            firstNotUnderstood = at;
        }
        notUnderstood++;
    }

    // ---------------------------------------------------------------- timestamps

    /** Parses the timestamp at the start of the line and the space after it into {@link #timestamp}. */
    private boolean parseTimestamp() {
        TcpdumpTextLine t = line;
        t.pos = 0;
        if (t.peek(2) == ':' && t.peek(8) == '.') {
            long timeOfDay = timeOfDay();
            if (timeOfDay < 0 || !t.accept(" ")) {
                return false;
            }
            if (lastTimeOfDay >= 0 && lastTimeOfDay - timeOfDay > HALF_DAY) {
                dayOffset += NANOS_PER_DAY;
                dayRollovers++;
            }
            lastTimeOfDay = timeOfDay;
            timesWithoutDate++;
            return setTimestamp(dayOffset + timeOfDay);
        }
        if (t.peek(4) == '-' && t.peek(7) == '-' && t.peek(10) == ' ') {
            int year = t.fixedDigits(4);
            boolean ok = year >= 0 && t.accept("-");
            int month = ok ? t.fixedDigits(2) : -1;
            ok = month >= 1 && month <= 12 && t.accept("-");
            int day = ok ? t.fixedDigits(2) : -1;
            ok = day >= 1 && day <= 31 && t.accept(" ");
            long timeOfDay = ok ? timeOfDay() : -1;
            if (timeOfDay < 0 || !t.accept(" ")) {
                return false;
            }
            return setTimestamp(daysFromCivil(year, month, day) * NANOS_PER_DAY + timeOfDay);
        }
        if (TcpdumpTextLine.isDigit(t.peek()) && t.peek(2) != ':') {
            long seconds = t.decimal(12);
            if (seconds < 0 || !t.accept(".")) {
                return false;
            }
            long fraction = fraction();
            if (fraction < 0 || !t.accept(" ")) {
                return false;
            }
            return setTimestamp(seconds * NANOS_PER_SECOND + fraction);
        }
        if (t.mac() >= 0 && t.startsWith(" > ")) {
            t.pos = 0;
            linesWithoutTime++;
            return setTimestamp(lastTimestamp + 1_000);
        }
        return false;
    }

    private boolean setTimestamp(long nanos) {
        timestamp = nanos;
        lastTimestamp = nanos;
        return true;
    }

    /** HH:MM:SS.fraction in nanoseconds, or -1. */
    private long timeOfDay() {
        TcpdumpTextLine t = line;
        int hours = t.fixedDigits(2);
        int minutes = hours >= 0 && hours < 24 && t.accept(":") ? t.fixedDigits(2) : -1;
        int seconds = minutes >= 0 && minutes < 60 && t.accept(":") ? t.fixedDigits(2) : -1;
        if (seconds < 0 || seconds > 60 || !t.accept(".")) {
            return -1;
        }
        long fraction = fraction();
        if (fraction < 0) {
            return -1;
        }
        return ((hours * 60L + minutes) * 60 + seconds) * NANOS_PER_SECOND + fraction;
    }

    /** 1 to 9 fraction digits in nanoseconds, or -1. */
    private long fraction() {
        TcpdumpTextLine t = line;
        int start = t.pos;
        long value = t.decimal(9);
        if (value < 0) {
            return -1;
        }
        for (int digits = t.pos - start; digits < 9; digits++) {
            value *= 10;
        }
        return value;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    // ---------------------------------------------------------------- packet lines

    private int parsePacket() {
        TcpdumpTextLine t = line;
        tagCount = 0;
        frameLength = 0;
        srcMac = t.mac();
        if (srcMac < 0 || !t.accept(" > ")) {
            if (t.startsWith("IP ") || t.startsWith("ARP, ") || t.startsWith("IP6 ")) {
                withoutMacs++;
            }
            return FAIL;
        }
        dstMac = t.mac();
        if (dstMac < 0 || !t.accept(", ethertype ")) {
            return FAIL;
        }
        int type = etherTypeValue();
        if (type < 0 || !t.accept(", length ")) {
            return FAIL;
        }
        long length = t.decimal(6);
        if (length < 0 || !t.accept(": ")) {
            return FAIL;
        }
        frameLength = (int) length;
        while (type == 0x8100 || type == 0x88a8 || type == 0x9100) {
            if (tagCount == MAX_TAGS || !t.accept("vlan ")) {
                return FAIL;
            }
            long vlan = t.decimal(4);
            if (vlan < 0 || vlan > 4095 || !t.accept(", p ")) {
                return FAIL;
            }
            long priority = t.decimal(1);
            if (priority < 0 || priority > 7) {
                return FAIL;
            }
            boolean dei = t.accept(", DEI");
            if (!t.accept(", ethertype ")) {
                return FAIL;
            }
            tagTypes[tagCount] = type;
            tagControls[tagCount] = (int) (priority << 13 | (dei ? 1 << 12 : 0) | vlan);
            tagCount++;
            type = etherTypeValue();
            if (type < 0 || !(t.accept(", ") || t.accept(": "))) {
                return FAIL;
            }
        }
        etherType = type;
        return switch (type) {
            case ETHERTYPE_ARP -> parseArp();
            case ETHERTYPE_IPV4 -> parseIpv4();
            default -> type > 1500 ? OK : FAIL;
        };
    }

    /** Parses "NAME (0xHHHH)" and returns the value, or -1. */
    private int etherTypeValue() {
        TcpdumpTextLine t = line;
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

    private int parseArp() {
        TcpdumpTextLine t = line;
        t.accept("Ethernet (len 6), IPv4 (len 4), ");
        if (t.accept("Request who-has ")) {
            if (!t.endpoint(false)) {
                return FAIL;
            }
            arpTargetIp = t.lastIp;
            arpTargetMac = 0;
            if (t.accept(" (")) {
                arpTargetMac = t.mac();
                if (arpTargetMac < 0 || !t.accept(")")) {
                    return FAIL;
                }
            }
            if (!t.accept(" tell ") || !t.endpoint(false)) {
                return FAIL;
            }
            arpOp = 1;
            arpSenderIp = t.lastIp;
            arpSenderMac = srcMac;
            return OK;
        }
        if (t.accept("Reply ")) {
            if (!t.endpoint(false) || !t.accept(" is-at ")) {
                return FAIL;
            }
            arpSenderIp = t.lastIp;
            arpSenderMac = t.mac();
            if (arpSenderMac < 0) {
                return FAIL;
            }
            arpOp = 2;
            arpTargetMac = dstMac;
            arpTargetIp = 0;
            return OK;
        }
        return FAIL;
    }

    private int parseIpv4() {
        TcpdumpTextLine t = line;
        tos = 0;
        ttl = 64;
        ipId = 0;
        fragmentField = 0;
        printedIpLength = -1;
        printedProtocol = -1;
        if (t.accept("(")) {
            if (!parseIpv4Header()) {
                return FAIL;
            }
            t.skipSpaces();
            if (t.atEnd()) {
                return NEEDS_CONTINUATION;
            }
        }
        return parseIpv4Payload();
    }

    /** The -v header: "(tos 0x0, ttl 64, id 5138, offset 0, flags [DF], proto TCP (6), length 60)". */
    private boolean parseIpv4Header() {
        TcpdumpTextLine t = line;
        while (true) {
            if (t.accept("tos ")) {
                long value = t.hex();
                if (value < 0 || value > 0xff) {
                    return false;
                }
                tos = (int) value;
            } else if (t.accept("ttl ")) {
                long value = t.decimal(3);
                if (value < 0 || value > 255) {
                    return false;
                }
                ttl = (int) value;
            } else if (t.accept("id ")) {
                long value = t.decimal(5);
                if (value < 0 || value > 65535) {
                    return false;
                }
                ipId = (int) value;
            } else if (t.accept("offset ")) {
                long value = t.decimal(5);
                if (value < 0 || value > 65535 || value % 8 != 0) {
                    return false;
                }
                fragmentField |= (int) (value / 8);
            } else if (t.accept("flags [")) {
                while (!t.atEnd() && t.peek() != ']') {
                    if (t.accept("DF")) {
                        fragmentField |= 0x4000;
                    } else if (t.accept("+")) {
                        fragmentField |= 0x2000;
                    } else if (t.accept("rsvd")) {
                        fragmentField |= 0x8000;
                    } else if (!t.accept("none") && !t.accept(",") && !t.accept(" ")) {
                        return false;
                    }
                }
                if (!t.accept("]")) {
                    return false;
                }
            } else if (t.accept("proto ")) {
                t.skipItem();
                int end = t.pos;
                // "TCP (6)": the number sits in the last parentheses of the item.
                int open = end - 1;
                while (open > 0 && t.text[open] != '(') {
                    open--;
                }
                int saved = t.pos;
                t.pos = open + 1;
                long value = t.decimal(3);
                t.pos = saved;
                if (value < 0 || value > 255) {
                    return false;
                }
                printedProtocol = (int) value;
            } else if (t.accept("length ")) {
                long value = t.decimal(5);
                if (value < 0 || value > MAX_IP_TOTAL) {
                    return false;
                }
                printedIpLength = (int) value;
            } else {
                t.skipItem();
            }
            if (t.accept(")")) {
                return true;
            }
            if (!t.accept(", ")) {
                // items such as "options (RA)" end inside their own parentheses; find the header's end
                t.skipItem();
                if (t.accept(")")) {
                    return true;
                }
                if (!t.accept(", ")) {
                    return false;
                }
            }
        }
    }

    /** "SRC.PORT > DST.PORT: Flags [...] ..." or "SRC > DST: ICMP ...", from the line position. */
    private int parseIpv4Payload() {
        TcpdumpTextLine t = line;
        int start = t.pos;
        if (t.endpoint(true)) {
            srcIp = t.lastIp;
            srcPort = t.lastPort;
            if (!t.accept(" > ") || !t.endpoint(true) || !t.accept(": ")) {
                return FAIL;
            }
            dstIp = t.lastIp;
            dstPort = t.lastPort;
            if (t.accept("Flags [")) {
                return parseTcp();
            }
            if (t.accept("UDP, length ")) {
                long length = t.decimal(5);
                if (length < 0) {
                    return FAIL;
                }
                protocol = 17;
                dataLength = (int) length;
                return checkProtocol();
            }
            return FAIL;
        }
        t.pos = start;
        if (!t.endpoint(false)) {
            return FAIL;
        }
        srcIp = t.lastIp;
        if (!t.accept(" > ") || !t.endpoint(false) || !t.accept(": ICMP ")) {
            return FAIL;
        }
        dstIp = t.lastIp;
        return parseIcmp();
    }

    private int checkProtocol() {
        return printedProtocol < 0 || printedProtocol == protocol ? OK : FAIL;
    }

    private int parseTcp() {
        TcpdumpTextLine t = line;
        tcpFlags = 0;
        if (!t.accept("none")) {
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
                    return FAIL;
                }
                tcpFlags |= flag;
                t.pos++;
            }
        }
        if (!t.accept("]")) {
            return FAIL;
        }
        printedSeq = -1;
        printedAck = -1;
        window = 0;
        urgent = 0;
        dataLength = -1;
        while (dataLength < 0 && t.accept(", ")) {
            if (t.accept("seq ")) {
                printedSeq = t.decimal(10);
                if (printedSeq < 0 || printedSeq > 0xffff_ffffL) {
                    return FAIL;
                }
                if (t.accept(":") && t.decimal(10) < 0) {
                    return FAIL;
                }
            } else if (t.accept("ack ")) {
                printedAck = t.decimal(10);
                if (printedAck < 0 || printedAck > 0xffff_ffffL) {
                    return FAIL;
                }
            } else if (t.accept("win ")) {
                long value = t.decimal(5);
                if (value < 0 || value > 65535) {
                    return FAIL;
                }
                window = (int) value;
            } else if (t.accept("urg ")) {
                long value = t.decimal(5);
                if (value < 0 || value > 65535) {
                    return FAIL;
                }
                urgent = (int) value;
            } else if (t.accept("length ")) {
                long value = t.decimal(5);
                if (value < 0 || value > MAX_IP_TOTAL) {
                    return FAIL;
                }
                dataLength = (int) value;
            } else {
                t.skipItem();
            }
        }
        if (dataLength < 0 || ((tcpFlags & 0x10) != 0 && printedAck < 0)) {
            return FAIL;
        }
        protocol = 6;
        return checkProtocol();
    }

    private int parseIcmp() {
        TcpdumpTextLine t = line;
        protocol = 1;
        icmpCode = 0;
        icmpMtu = 0;
        if (t.startsWith("echo request")) {
            icmpType = 8;
        } else if (t.startsWith("echo reply")) {
            icmpType = 0;
        } else if (t.startsWith("time exceeded in-transit")) {
            icmpType = 11;
        } else if (t.startsWith("net ")) {
            icmpType = 3;
        } else if (t.startsWith("host ")) {
            icmpType = 3;
            icmpCode = 1;
        } else {
            int itemStart = t.pos;
            t.skipItem();
            int itemEnd = t.pos;
            t.pos = itemStart;
            if (!containsWithin(" unreachable", itemStart, itemEnd)) {
                return FAIL;
            }
            icmpType = 3;
            icmpCode = containsWithin(" port ", itemStart, itemEnd) ? 3
                    : containsWithin(" protocol ", itemStart, itemEnd) ? 2
                    : containsWithin("need to frag", itemStart, itemEnd) ? 4 : 1;
            if (icmpCode == 4 && t.skipPast("(mtu ")) {
                long mtu = t.decimal(5);
                icmpMtu = mtu > 0 && mtu <= 0xffff ? (int) mtu : 0;
            }
        }
        if (!t.skipPast(", length ")) {
            return FAIL;
        }
        long length = t.decimal(5);
        if (length < 0) {
            return FAIL;
        }
        dataLength = (int) Math.max(0, length - 8);
        return checkProtocol();
    }

    private boolean isIcmpError() {
        return icmpType == 3 || icmpType == 11;
    }

    /**
     * With {@code -v}, tcpdump prints the packet an ICMP error quotes on the two continuation lines after it: its
     * IPv4 header in parentheses, then its endpoints ("192.0.2.100.80 > 198.51.100.10.40001: ..."). Reads them
     * into the {@code quoted*} fields; any other next line is left for {@link #next} to read.
     */
    private void readIcmpQuote() throws IOException {
        if (!readContinuation()) {
            return;
        }
        line.reset(lineChars, lineLength);
        line.skipSpaces();
        int outerTos = tos;
        int outerTtl = ttl;
        int outerId = ipId;
        int outerFragment = fragmentField;
        int outerLength = printedIpLength;
        int outerProtocol = printedProtocol;
        printedProtocol = -1;
        boolean header = line.accept("(") && parseIpv4Header();
        int protocolOfQuote = printedProtocol;
        tos = outerTos;
        ttl = outerTtl;
        ipId = outerId;
        fragmentField = outerFragment;
        printedIpLength = outerLength;
        printedProtocol = outerProtocol;
        if (!header || protocolOfQuote < 0 || !readContinuation()) {
            return;
        }
        line.reset(lineChars, lineLength);
        line.skipSpaces();
        boolean ports = protocolOfQuote == 6 || protocolOfQuote == 17;
        TcpdumpTextLine t = line;
        if (!t.endpoint(ports)) {
            return;
        }
        int src = t.lastIp;
        int srcPortOfQuote = t.lastPort;
        if (!t.accept(" > ") || !t.endpoint(ports) || !t.accept(":")) {
            return;
        }
        quotedProtocol = protocolOfQuote;
        quotedSrcIp = src;
        quotedDstIp = t.lastIp;
        quotedSrcPort = ports ? srcPortOfQuote : 0;
        quotedDstPort = ports ? t.lastPort : 0;
    }

    /** Reads the next line if it is an indented continuation line; otherwise keeps it for {@link #next}. */
    private boolean readContinuation() throws IOException {
        if (!readLine()) {
            return false;
        }
        if (lineLength > 0 && !lineOverlong && (lineChars[0] == ' ' || lineChars[0] == '\t')) {
            return true;
        }
        haveLine = true;
        return false;
    }

    private boolean containsWithin(String literal, int from, int to) {
        int n = literal.length();
        for (int i = from; i + n <= to; i++) {
            int j = 0;
            while (j < n && line.text[i + j] == literal.charAt(j)) {
                j++;
            }
            if (j == n) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- synthesis

    /** Writes the frame for the parsed line into {@link #out}; returns its length. */
    private int writeFrame() {
        byte[] b = out;
        putMac(b, 0, dstMac);
        putMac(b, 6, srcMac);
        int p = 12;
        for (int i = 0; i < tagCount; i++) {
            putShort(b, p, tagTypes[i]);
            putShort(b, p + 2, tagControls[i]);
            p += 4;
        }
        putShort(b, p, etherType);
        p += 2;
        if (etherType == ETHERTYPE_ARP) {
            putShort(b, p, 1);
            putShort(b, p + 2, ETHERTYPE_IPV4);
            b[p + 4] = 6;
            b[p + 5] = 4;
            putShort(b, p + 6, arpOp);
            putMac(b, p + 8, arpSenderMac);
            putInt(b, p + 14, arpSenderIp);
            putMac(b, p + 18, arpTargetMac);
            putInt(b, p + 24, arpTargetIp);
            return p + 28;
        }
        if (etherType != ETHERTYPE_IPV4) {
            return p;
        }
        int transportHeader = switch (protocol) {
            case 6 -> tcpHeaderLength();
            default -> 8;
        };
        int total = 20 + transportHeader + dataLength;
        if (total > MAX_IP_TOTAL) {
            dataLength = MAX_IP_TOTAL - 20 - transportHeader;
            total = MAX_IP_TOTAL;
        }
        int ip = p;
        b[ip] = 0x45;
        b[ip + 1] = (byte) tos;
        putShort(b, ip + 2, total);
        putShort(b, ip + 4, ipId);
        putShort(b, ip + 6, fragmentField);
        b[ip + 8] = (byte) ttl;
        b[ip + 9] = (byte) protocol;
        putShort(b, ip + 10, 0);
        putInt(b, ip + 12, srcIp);
        putInt(b, ip + 16, dstIp);
        putShort(b, ip + 10, ipChecksum(b, ip));
        int l4 = ip + 20;
        Arrays.fill(b, l4, l4 + transportHeader + dataLength, (byte) 0);
        switch (protocol) {
            case 6 -> {
                sequences.resolve(srcIp, srcPort, dstIp, dstPort, tcpFlags, printedSeq, printedAck, dataLength);
                putShort(b, l4, srcPort);
                putShort(b, l4 + 2, dstPort);
                putInt(b, l4 + 4, (int) sequences.seq);
                putInt(b, l4 + 8, (int) sequences.ack);
                b[l4 + 12] = (byte) ((transportHeader / 4) << 4);
                b[l4 + 13] = (byte) tcpFlags;
                putShort(b, l4 + 14, window);
                putShort(b, l4 + 18, urgent);
                Arrays.fill(b, l4 + 20, l4 + transportHeader, (byte) 1); // NOP options
            }
            case 17 -> {
                putShort(b, l4, srcPort);
                putShort(b, l4 + 2, dstPort);
                putShort(b, l4 + 4, Math.min(8 + dataLength, 0xffff));
            }
            default -> {
                b[l4] = (byte) icmpType;
                b[l4 + 1] = (byte) icmpCode;
                putShort(b, l4 + 6, icmpMtu);
                if (isIcmpError() && dataLength >= 20) {
                    writeIcmpQuote(b, l4 + 8);
                }
            }
        }
        return l4 + transportHeader + dataLength;
    }

    /**
     * The quoted packet of an ICMP error: the header and ports -v printed, else a bare IPv4 header (protocol 0)
     * from the error's destination, which ties the error to no flow.
     */
    private void writeIcmpQuote(byte[] b, int at) {
        b[at] = 0x45;
        if (quotedProtocol < 0) {
            putInt(b, at + 12, dstIp);
            return;
        }
        b[at + 9] = (byte) quotedProtocol;
        putInt(b, at + 12, quotedSrcIp);
        putInt(b, at + 16, quotedDstIp);
        if ((quotedProtocol == 6 || quotedProtocol == 17) && dataLength >= 24) {
            putShort(b, at + 20, quotedSrcPort);
            putShort(b, at + 22, quotedDstPort);
        }
    }

    /** 20, or what the -v IP length implies when that is a valid TCP header length. */
    private int tcpHeaderLength() {
        if (printedIpLength > 0) {
            int implied = printedIpLength - 20 - dataLength;
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

    // ---------------------------------------------------------------- reporting

    /** Packet and other lines that were not understood; packet lines among them still took a frame number. */
    public long linesNotUnderstood() {
        return notUnderstood;
    }

    /** Line number (from 1) of the first line not understood, or 0 when every line was understood. */
    public long firstLineNotUnderstood() {
        return firstNotUnderstood;
    }

    /** Packet lines seen so far, understood or not: the last frame number handed out or skipped. */
    public long packetLines() {
        return frameNumber;
    }

    /** What the report should say about reading this text, one sentence each; empty when there is nothing. */
    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (notUnderstood > 0) {
            notes.add(notUnderstood + (notUnderstood == 1 ? " line" : " lines") + " not understood, first at line "
                    + firstNotUnderstood);
        }
        if (withoutMacs > 0) {
            notes.add(withoutMacs + " packet lines have no MAC addresses (tcpdump was run without -e); print the"
                    + " capture with tcpdump -nn -e");
        }
        if (timesWithoutDate > 0) {
            notes.add("timestamps carry no date (tcpdump without -tttt or -tt): read as times on 1970-01-01 UTC"
                    + (dayRollovers > 0 ? ", with " + dayRollovers + " midnight rollovers" : ""));
        }
        if (linesWithoutTime > 0) {
            notes.add(linesWithoutTime + " packet lines have no timestamp (tcpdump -t): times are 1 us apart");
        }
        if (unterminatedLine > 0) {
            notes.add("the last line (" + unterminatedLine + ") has no line end: the text may have been cut there");
        }
        if (sequences.resets() > 0) {
            notes.add("more than " + TcpdumpTextSequences.MAX_CONVERSATIONS + " TCP conversations: relative"
                    + " sequence numbers were restored approximately");
        }
        return notes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
