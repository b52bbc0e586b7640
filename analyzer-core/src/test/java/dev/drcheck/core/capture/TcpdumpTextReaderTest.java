package dev.drcheck.core.capture;

import dev.drcheck.core.decode.DecodedFrame;
import dev.drcheck.core.decode.FrameDecoder;
import dev.drcheck.core.decode.Layer;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Parses literal tcpdump 4.99 lines into synthetic frames and decodes them. */
class TcpdumpTextReaderTest {
    private static final String CLIENT = "02:00:00:00:00:10";
    private static final String DIRECTOR = "02:00:00:00:00:02";
    private static final String ETH_IP = " 02:00:00:00:00:10 > 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 66: ";
    private static final String SYN = "02:32:13.220768 02:00:00:00:00:10 > 02:00:00:00:00:02, ethertype IPv4 (0x0800),"
            + " length 74: 192.0.2.10.40001 > 192.0.2.100.80: Flags [S], seq 4104209775, win 64240, options [mss 1460,"
            + "sackOK,TS val 3575491430 ecr 0,nop,wscale 10], length 0";

    /** Reads text and returns every frame, decoded; the reader is left in {@link #reader}. */
    private TcpdumpTextReader reader;

    private List<DecodedFrame> read(String text) throws IOException {
        reader = TcpdumpTextReader.open(new BufferedReader(new StringReader(text)), "test.txt");
        FrameDecoder decoder = new FrameDecoder();
        CapturedFrame frame = new CapturedFrame();
        List<DecodedFrame> frames = new ArrayList<>();
        while (reader.next(frame)) {
            DecodedFrame decoded = new DecodedFrame();
            assertThat(decoder.decode(frame, decoded)).as("decodes without anomaly: " + decoded.anomaly).isTrue();
            decoded.data = decoded.data.clone();
            frames.add(decoded);
        }
        assertThat(reader.damage()).isEmpty();
        return frames;
    }

    private DecodedFrame one(String text) throws IOException {
        List<DecodedFrame> frames = read(text);
        assertThat(frames).hasSize(1);
        return frames.get(0);
    }

    @Test
    void arpRequest() throws IOException {
        DecodedFrame f = one("02:32:13.220768 02:00:00:00:00:10 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42:"
                + " Request who-has 192.0.2.100 tell 192.0.2.10, length 28\n");
        assertThat(f.layer).isEqualTo(Layer.ARP);
        assertThat(f.frameNumber).isEqualTo(1);
        assertThat(Mac.format(f.srcMac)).isEqualTo(CLIENT);
        assertThat(Mac.format(f.dstMac)).isEqualTo("ff:ff:ff:ff:ff:ff");
        assertThat(f.arpOperation).isEqualTo(1);
        assertThat(Mac.format(f.arpSenderMac)).isEqualTo(CLIENT);
        assertThat(Ipv4.format(f.arpSenderIp)).isEqualTo("192.0.2.10");
        assertThat(f.arpTargetMac).isZero();
        assertThat(Ipv4.format(f.arpTargetIp)).isEqualTo("192.0.2.100");
        assertThat(f.timestampNanos).isEqualTo((2 * 3600 + 32 * 60 + 13) * 1_000_000_000L + 220_768_000L);
    }

    @Test
    void arpRequestVerboseWithTargetMac() throws IOException {
        DecodedFrame f = one("02:32:13.220768 02:00:00:00:00:10 > 02:00:00:00:00:02, ethertype ARP (0x0806), length 42:"
                + " Ethernet (len 6), IPv4 (len 4), Request who-has 192.0.2.100 (02:00:00:00:00:02) tell 192.0.2.10,"
                + " length 28");
        assertThat(f.arpOperation).isEqualTo(1);
        assertThat(Mac.format(f.arpTargetMac)).isEqualTo(DIRECTOR);
    }

    @Test
    void arpReply() throws IOException {
        DecodedFrame f = one("02:32:13.220823 02:00:00:00:00:11 > 02:00:00:00:00:10, ethertype ARP (0x0806), length 42:"
                + " Reply 192.0.2.100 is-at 02:00:00:00:00:11, length 28\n");
        assertThat(f.arpOperation).isEqualTo(2);
        assertThat(Mac.format(f.arpSenderMac)).isEqualTo("02:00:00:00:00:11");
        assertThat(Ipv4.format(f.arpSenderIp)).isEqualTo("192.0.2.100");
        assertThat(Mac.format(f.arpTargetMac)).isEqualTo(CLIENT);
        assertThat(f.arpTargetIp).as("not printed by tcpdump").isZero();
    }

    @Test
    void tcpSynWithAbsoluteSeq() throws IOException {
        DecodedFrame f = one(SYN + "\n");
        assertThat(f.layer).isEqualTo(Layer.TCP);
        assertThat(Ipv4.format(f.ipSrc)).isEqualTo("192.0.2.10");
        assertThat(Ipv4.format(f.ipDst)).isEqualTo("192.0.2.100");
        assertThat(f.srcPort).isEqualTo(40001);
        assertThat(f.dstPort).isEqualTo(80);
        assertThat(f.tcpFlags).isEqualTo(DecodedFrame.SYN);
        assertThat(f.tcpSeq).isEqualTo(4104209775L);
        assertThat(f.tcpAck).isZero();
        assertThat(f.ttl).isEqualTo(64);
        assertThat(f.ipId).isZero();
        assertThat(f.payloadLength).isZero();
        assertThat(f.ipTotalLength).isEqualTo(40);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "S; 2", "S.; 18", ".; 16", "P.; 24", "F.; 17", "R; 4", "R.; 20", "FP.; 25", "SEW; 194", "U.; 48", "none; 0"})
    void tcpFlagCombinations(String printed, int flags) throws IOException {
        boolean ack = printed.contains(".");
        DecodedFrame f = one("02:32:13.220768" + ETH_IP + "192.0.2.10.40001 > 192.0.2.100.80: Flags [" + printed
                + "], seq 7" + (ack ? ", ack 9" : "") + ", win 63, length 0\n");
        assertThat(f.tcpFlags).isEqualTo(flags);
    }

    @Test
    void relativeNumbersAreMadeAbsoluteAsTcpdumpComputedThem() throws IOException {
        String text = SYN + "\n"
                + "02:32:13.220900 02:00:00:00:00:11 > 02:00:00:00:00:10, ethertype IPv4 (0x0800), length 74: "
                + "192.0.2.100.80 > 192.0.2.10.40001: Flags [S.], seq 4276426095, ack 4104209776, win 65160, length 0\n"
                + "02:32:13.221000" + ETH_IP + "192.0.2.10.40001 > 192.0.2.100.80: Flags [.], ack 1, win 63, length 0\n"
                + "02:32:13.221100" + ETH_IP + "192.0.2.10.40001 > 192.0.2.100.80: Flags [P.], seq 1:76, ack 1, win 63,"
                + " options [nop,nop,TS val 3575491430 ecr 1787728203], length 75: HTTP: GET / HTTP/1.1\n"
                + "02:32:13.221200 02:00:00:00:00:11 > 02:00:00:00:00:10, ethertype IPv4 (0x0800), length 66: "
                + "192.0.2.100.80 > 192.0.2.10.40001: Flags [F.], seq 122, ack 76, win 64, length 0\n";
        List<DecodedFrame> frames = read(text);
        assertThat(frames).hasSize(5);
        assertThat(frames.get(1).tcpSeq).isEqualTo(4276426095L);
        assertThat(frames.get(1).tcpAck).isEqualTo(4104209776L);
        assertThat(frames.get(2).tcpSeq).as("seq not printed: the next one expected").isEqualTo(4104209776L);
        assertThat(frames.get(2).tcpAck).isEqualTo(4276426096L);
        assertThat(frames.get(3).tcpSeq).isEqualTo(4104209776L);
        assertThat(frames.get(3).payloadLength).isEqualTo(75);
        assertThat(frames.get(3).ipTotalLength).isEqualTo(115);
        assertThat(frames.get(4).tcpSeq).isEqualTo(4276426095L + 122);
        assertThat(frames.get(4).tcpAck).isEqualTo(4104209775L + 76);
    }

    @Test
    void absoluteNumbersFromDashSStayAsPrinted() throws IOException {
        String text = SYN + "\n"
                + "02:32:13.220900 02:00:00:00:00:11 > 02:00:00:00:00:10, ethertype IPv4 (0x0800), length 74: "
                + "192.0.2.100.80 > 192.0.2.10.40001: Flags [S.], seq 4276426095, ack 4104209776, win 65160, length 0\n"
                + "02:32:13.221000" + ETH_IP + "192.0.2.10.40001 > 192.0.2.100.80: Flags [.], ack 4276426096, win 63,"
                + " length 0\n"
                + "02:32:13.221100" + ETH_IP + "192.0.2.10.40001 > 192.0.2.100.80: Flags [P.],"
                + " seq 4104209776:4104209851, ack 4276426096, win 63, length 75\n";
        List<DecodedFrame> frames = read(text);
        assertThat(frames.get(2).tcpAck).isEqualTo(4276426096L);
        assertThat(frames.get(2).tcpSeq).isEqualTo(4104209776L);
        assertThat(frames.get(3).tcpSeq).isEqualTo(4104209776L);
        assertThat(frames.get(3).tcpAck).isEqualTo(4276426096L);
    }

    @Test
    void ttttTimestamp() throws IOException {
        DecodedFrame f = one("2026-11-22 02:32:13.220768" + SYN.substring(15));
        assertThat(f.timestampNanos).isEqualTo(1_795_314_733_220_768_000L);
    }

    @Test
    void ttEpochTimestamp() throws IOException {
        DecodedFrame f = one("1795314733.220768" + SYN.substring(15));
        assertThat(f.timestampNanos).isEqualTo(1_795_314_733_220_768_000L);
    }

    @Test
    void nanosecondTimestamps() throws IOException {
        assertThat(one("1795314733.220768123" + SYN.substring(15)).timestampNanos)
                .isEqualTo(1_795_314_733_220_768_123L);
        assertThat(one("02:32:13.220768123" + SYN.substring(15)).timestampNanos)
                .isEqualTo((2 * 3600 + 32 * 60 + 13) * 1_000_000_000L + 220_768_123L);
    }

    @Test
    void timeOfDayKeepsGoingPastMidnight() throws IOException {
        List<DecodedFrame> frames = read("23:59:59.900000" + SYN.substring(15) + "\n00:00:00.100000"
                + SYN.substring(15) + "\n");
        assertThat(frames.get(1).timestampNanos - frames.get(0).timestampNanos).isEqualTo(200_000_000L);
    }

    @Test
    void verboseTwoLineFormCarriesTtlAndId() throws IOException {
        DecodedFrame f = one("02:32:42.430684 02:00:00:00:00:02 > 02:00:00:00:00:11, ethertype IPv4 (0x0800),"
                + " length 74:"
                + " (tos 0x0, ttl 63, id 5138, offset 0, flags [DF], proto TCP (6), length 60)\n"
                + "    192.0.2.10.40001 > 192.0.2.11.80: Flags [S], cksum 0x8eac (correct), seq 309300673, win 64240,"
                + " options [mss 1460,sackOK,TS val 3575523433 ecr 0,nop,wscale 10], length 0\n"
                + "\tGET / HTTP/1.1\r\n");
        assertThat(f.ttl).isEqualTo(63);
        assertThat(f.ipId).isEqualTo(5138);
        assertThat(f.ipTotalLength).isEqualTo(60);
        assertThat(f.tcpSeq).isEqualTo(309300673L);
        assertThat(Ipv4.format(f.ipDst)).isEqualTo("192.0.2.11");
        assertThat(reader.linesNotUnderstood()).isZero();
    }

    @Test
    void verboseFirstLineWithoutItsSecondIsNotUnderstoodButNumbered() throws IOException {
        List<DecodedFrame> frames = read("02:32:42.430684 02:00:00:00:00:02 > 02:00:00:00:00:11, ethertype IPv4"
                + " (0x0800), length 74: (tos 0x0, ttl 63, id 5138, offset 0, flags [DF], proto TCP (6), length 60)\n"
                + SYN + "\n");
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).frameNumber).isEqualTo(2);
        assertThat(reader.linesNotUnderstood()).isEqualTo(1);
        assertThat(reader.firstLineNotUnderstood()).isEqualTo(1);
    }

    @Test
    void vlanTaggedLine() throws IOException {
        DecodedFrame f = one("02:32:13.220768 02:00:00:00:00:10 > 02:00:00:00:00:02, ethertype 802.1Q (0x8100),"
                + " length 78: vlan 100, p 3, ethertype IPv4 (0x0800), 192.0.2.10.40001 > 192.0.2.100.80: Flags [S],"
                + " seq 4104209775, win 64240, length 0\n");
        assertThat(f.vlanTagCount).isEqualTo(1);
        assertThat(f.outerVlanId).isEqualTo(100);
        assertThat(f.layer).isEqualTo(Layer.TCP);
        DecodedFrame arp = one("02:32:13.220768 02:00:00:00:00:10 > ff:ff:ff:ff:ff:ff, ethertype 802.1Q-QinQ (0x88a8),"
                + " length 50: vlan 10, p 0, ethertype 802.1Q (0x8100), vlan 20, p 0, DEI, ethertype ARP (0x0806),"
                + " Request who-has 192.0.2.100 tell 192.0.2.10, length 28\n");
        assertThat(arp.vlanTagCount).isEqualTo(2);
        assertThat(arp.outerVlanId).isEqualTo(10);
        assertThat(arp.layer).isEqualTo(Layer.ARP);
    }

    @Test
    void udpAndIcmp() throws IOException {
        DecodedFrame udp = one("02:32:13.220768" + ETH_IP + "192.0.2.10.5353 > 192.0.2.100.53: UDP, length 20\n");
        assertThat(udp.layer).isEqualTo(Layer.UDP);
        assertThat(udp.dstPort).isEqualTo(53);
        assertThat(udp.payloadLength).isEqualTo(20);
        DecodedFrame echo = one("02:32:13.220768" + ETH_IP + "192.0.2.10 > 192.0.2.100: ICMP echo request, id 7,"
                + " seq 1, length 64\n");
        assertThat(echo.layer).isEqualTo(Layer.ICMP);
        assertThat(echo.icmpType).isEqualTo(8);
        DecodedFrame unreachable = one("02:32:13.220768" + ETH_IP + "192.0.2.12 > 192.0.2.10: ICMP 192.0.2.12 tcp"
                + " port 80 unreachable, length 68\n");
        assertThat(unreachable.icmpType).isEqualTo(3);
        assertThat(unreachable.icmpCode).isEqualTo(3);
    }

    private static final String FRAG_NEEDED_V = "04:53:22.706155 02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4"
            + " (0x0800), length 590: (tos 0xc0, ttl 64, id 5397, offset 0, flags [none], proto ICMP (1), length 576)\n"
            + "    192.0.2.1 > 192.0.2.100: ICMP 198.51.100.10 unreachable - need to frag (mtu 1000), length 556\n"
            + "\t(tos 0x0, ttl 64, id 40731, offset 0, flags [DF], proto TCP (6), length 1500)\n"
            + "    192.0.2.100.80 > 198.51.100.10.40001: Flags [.], seq 1:1449, ack 76, win 64, length 1448: HTTP\n"
            + "\tHTTP/1.0 200 OK\n";

    @Test
    void verboseIcmpErrorCarriesItsQuotedPacketAndMtu() throws IOException {
        DecodedFrame f = one(FRAG_NEEDED_V);

        assertThat(f.icmpType).isEqualTo(3);
        assertThat(f.icmpCode).isEqualTo(4);
        assertThat(f.icmpNextHopMtu).isEqualTo(1000);
        assertThat(f.ipId).isEqualTo(5397);
        assertThat(f.ttl).isEqualTo(64);
        assertThat(f.icmpQuoted).isTrue();
        assertThat(f.icmpQuotedProtocol).isEqualTo(6);
        assertThat(Ipv4.format(f.icmpQuotedSrc)).isEqualTo("192.0.2.100");
        assertThat(Ipv4.format(f.icmpQuotedDst)).isEqualTo("198.51.100.10");
        assertThat(f.icmpQuotedSrcPort).isEqualTo(80);
        assertThat(f.icmpQuotedDstPort).isEqualTo(40001);
        assertThat(reader.linesNotUnderstood()).isZero();
    }

    @Test
    void oneLineIcmpErrorQuotesABareHeaderTiedToNoFlow() throws IOException {
        DecodedFrame f = one("04:53:22.706155 02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 (0x0800),"
                + " length 590: 192.0.2.1 > 192.0.2.100: ICMP 198.51.100.10 unreachable - need to frag (mtu 1000),"
                + " length 556\n");

        assertThat(f.icmpNextHopMtu).isEqualTo(1000);
        assertThat(f.icmpQuoted).isTrue();
        assertThat(f.icmpQuotedProtocol).isZero();
        assertThat(Ipv4.format(f.icmpQuotedSrc)).isEqualTo("192.0.2.100");
    }

    @Test
    void anIcmpErrorFollowedByThePacketLineItselfKeepsThatLine() throws IOException {
        List<DecodedFrame> frames = read("04:53:22.706155 02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4"
                + " (0x0800), length 590: 192.0.2.1 > 192.0.2.100: ICMP 198.51.100.10 unreachable - need to frag"
                + " (mtu 1000), length 556\n" + SYN + "\n");

        assertThat(frames).hasSize(2);
        assertThat(frames.get(1).frameNumber).isEqualTo(2);
        assertThat(frames.get(1).layer).isEqualTo(Layer.TCP);
        assertThat(reader.linesNotUnderstood()).isZero();
    }

    @Test
    void aQuotedHeaderWithoutItsEndpointLineLeavesTheErrorUntied() throws IOException {
        String headerOnly = FRAG_NEEDED_V.substring(0, FRAG_NEEDED_V.indexOf("    192.0.2.100.80"));
        List<DecodedFrame> frames = read(headerOnly + SYN + "\n");

        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).icmpQuotedProtocol).isZero();
        assertThat(frames.get(1).layer).isEqualTo(Layer.TCP);
    }

    @Test
    void otherEthertypeIsABareEthernetFrame() throws IOException {
        DecodedFrame f = one("02:32:13.220768 02:00:00:00:00:10 > 33:33:00:00:00:01, ethertype IPv6 (0x86dd),"
                + " length 86: fe80::1 > ff02::1: ICMP6, router advertisement, length 32\n");
        assertThat(f.layer).isEqualTo(Layer.ETHERNET);
        assertThat(f.etherType).isEqualTo(0x86dd);
    }

    @Test
    void garbageLinesAreCountedAndPacketLinesKeepTheirNumbers() throws IOException {
        String text = "reading from file x.pcap, link-type EN10MB (Ethernet), snapshot length 262144\n"
                + SYN + "\n"
                + "\n"
                + "02:32:13.220800 this is not what tcpdump prints\n"
                + "hello world\n"
                + SYN + "\n"
                + "3 packets captured\n";
        List<DecodedFrame> frames = read(text);
        assertThat(frames).extracting(f -> f.frameNumber).containsExactly(1L, 3L);
        assertThat(reader.linesNotUnderstood()).isEqualTo(2);
        assertThat(reader.firstLineNotUnderstood()).isEqualTo(4);
        assertThat(reader.notes()).contains("2 lines not understood, first at line 4");
    }

    @Test
    void linesWithoutMacAddressesAreExplained() throws IOException {
        read("02:32:13.220768 IP 192.0.2.10.40001 > 192.0.2.100.80: Flags [S], seq 1, win 64240, length 0\n");
        assertThat(reader.linesNotUnderstood()).isEqualTo(1);
        assertThat(reader.notes()).anyMatch(n -> n.contains("without -e"));
    }

    @Test
    void overlongLineIsSkippedAndCounted() throws IOException {
        String huge = SYN.replace("options [", "options [" + "nop,".repeat(20_000));
        List<DecodedFrame> frames = read(huge + "\n" + SYN + "\n");
        assertThat(frames).extracting(f -> f.frameNumber).containsExactly(2L);
        assertThat(reader.linesNotUnderstood()).isEqualTo(1);
        assertThat(reader.firstLineNotUnderstood()).isEqualTo(1);
    }

    @Test
    void truncatedLastLineIsCountedNotThrown() throws IOException {
        List<DecodedFrame> frames = read(SYN + "\n" + SYN.substring(0, 120));
        assertThat(frames).hasSize(1);
        assertThat(reader.linesNotUnderstood()).isEqualTo(1);
        assertThat(reader.packetLines()).isEqualTo(2);
        assertThat(reader.notes()).anyMatch(n -> n.contains("no line end"));
    }

    @Test
    void lastLineWithoutLineEndIsStillReadWhenComplete() throws IOException {
        assertThat(read(SYN)).hasSize(1);
        assertThat(reader.linesNotUnderstood()).isZero();
    }

    @Test
    void noTimestampDashT() throws IOException {
        List<DecodedFrame> frames = read(SYN.substring(16) + "\n" + SYN.substring(16) + "\n");
        assertThat(frames).hasSize(2);
        assertThat(frames.get(1).timestampNanos - frames.get(0).timestampNanos).isEqualTo(1_000L);
    }

    @Test
    void zeroFilledPayloadOfThePrintedLength() throws IOException {
        DecodedFrame f = one("02:32:13.221100" + ETH_IP + "192.0.2.10.40001 > 192.0.2.100.80: Flags [P.],"
                + " seq 1:76, ack 1, win 63, length 75: HTTP: GET / HTTP/1.1\n");
        assertThat(f.payloadLength).isEqualTo(75);
        assertThat(f.payloadCapturedLength).isEqualTo(75);
        for (int i = 0; i < 75; i++) {
            assertThat(f.data[f.payloadOffset + i]).isZero();
        }
    }

    @Test
    void mangledSampleLinesNeverThrow() throws IOException {
        List<String> lines = java.nio.file.Files.readAllLines(
                TcpdumpTextReaderEquivalenceTest.samples().resolve("text").resolve("nat-mode-v.txt"));
        java.util.Random random = new java.util.Random(42);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            StringBuilder line = new StringBuilder(lines.get(random.nextInt(lines.size())));
            switch (random.nextInt(4)) {
                case 0 -> line.setLength(random.nextInt(line.length() + 1));
                case 1 -> line.setCharAt(random.nextInt(line.length()), (char) random.nextInt(128));
                case 2 -> line.insert(random.nextInt(line.length() + 1), "9".repeat(random.nextInt(30)));
                default -> line.deleteCharAt(random.nextInt(line.length()));
            }
            text.append(line).append('\n');
        }
        reader = TcpdumpTextReader.open(new BufferedReader(new StringReader(text.toString())), "fuzz.txt");
        CapturedFrame frame = new CapturedFrame();
        DecodedFrame decoded = new DecodedFrame();
        FrameDecoder decoder = new FrameDecoder();
        long frames = 0;
        while (reader.next(frame)) {
            decoder.decode(frame, decoded);
            frames++;
        }
        assertThat(frames).isPositive();
        assertThat(reader.linesNotUnderstood()).isPositive();
    }
}
