package dev.drcheck.core.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
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
 * <h2>How it is built</h2>
 * {@link TcpdumpTextLines} reads the lines, {@link TcpdumpTimestamps} and {@link TcpdumpPacketGrammar} turn a packet
 * line and its continuation lines into an immutable {@link TcpdumpPacket}, and {@link TcpdumpFrameBuilder} writes
 * its frame. One line buffer and one frame buffer are reused; the packet record is the only allocation per line.
 */
public final class TcpdumpTextReader implements FrameSource {
    /** Longest line read; longer ones are skipped and counted as not understood. */
    public static final int MAX_LINE_CHARS = 64 * 1024;

    private final String name;
    private final TcpdumpTextLines lines;
    private final TcpdumpTextLine line = new TcpdumpTextLine();
    private final TcpdumpTimestamps timestamps = new TcpdumpTimestamps();
    private final TcpdumpPacketGrammar grammar;
    private final TcpdumpFrameBuilder builder = new TcpdumpFrameBuilder();

    private long frameNumber;
    private long notUnderstood;
    private long firstNotUnderstood;

    private TcpdumpTextReader(BufferedReader in, String name) {
        this.name = name;
        this.lines = new TcpdumpTextLines(in, MAX_LINE_CHARS);
        this.grammar = new TcpdumpPacketGrammar(lines, line);
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
        while (lines.next()) {
            long packetLineNumber = lines.lineNumber();
            if (lines.isBlank()) {
                continue;
            }
            char first = lines.chars()[0];
            if (first == ' ' || first == '\t') {
                continue; // continuation: -v second lines without a packet line before them, payload dumps
            }
            line.reset(lines.chars(), lines.length());
            long timestamp = timestamps.parse(line);
            if (timestamp == TcpdumpTimestamps.NONE) {
                if (lines.overlong() || !isTcpdumpMessage()) {
                    notUnderstood(packetLineNumber);
                }
                continue;
            }
            frameNumber++;
            TcpdumpPacket packet = lines.overlong() ? null : grammar.parse(timestamp);
            if (packet == null) {
                notUnderstood(packetLineNumber);
                continue;
            }
            int length = builder.write(packet);
            frame.set(frameNumber, timestamp, LinkType.ETHERNET, builder.buffer(), 0, length,
                    Math.max(length, packet.frameLength()));
            return true;
        }
        return false;
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
        if (grammar.withoutMacs() > 0) {
            notes.add(grammar.withoutMacs() + " packet lines have no MAC addresses (tcpdump was run without -e);"
                    + " print the capture with tcpdump -nn -e");
        }
        if (timestamps.timesWithoutDate() > 0) {
            long rollovers = timestamps.dayRollovers();
            notes.add("timestamps carry no date (tcpdump without -tttt or -tt): read as times on 1970-01-01 UTC"
                    + (rollovers > 0 ? ", with " + rollovers + " midnight rollovers" : ""));
        }
        if (timestamps.linesWithoutTime() > 0) {
            notes.add(timestamps.linesWithoutTime()
                    + " packet lines have no timestamp (tcpdump -t): times are 1 us apart");
        }
        if (lines.unterminatedLine() > 0) {
            notes.add("the last line (" + lines.unterminatedLine()
                    + ") has no line end: the text may have been cut there");
        }
        if (builder.sequenceResets() > 0) {
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
        lines.close();
    }
}
