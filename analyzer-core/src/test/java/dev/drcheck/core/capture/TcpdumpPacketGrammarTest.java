package dev.drcheck.core.capture;

import dev.drcheck.core.capture.TcpdumpPacket.Arp;
import dev.drcheck.core.capture.TcpdumpPacket.Icmp;
import dev.drcheck.core.capture.TcpdumpPacket.IpHeader;
import dev.drcheck.core.capture.TcpdumpPacket.Ipv4;
import dev.drcheck.core.capture.TcpdumpPacket.Quote;
import dev.drcheck.core.capture.TcpdumpPacket.Tcp;
import dev.drcheck.core.capture.TcpdumpPacket.Udp;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

/** One packet line (after its timestamp) and its continuation lines to a record, or null. */
class TcpdumpPacketGrammarTest {
    private static final String ETH = "02:00:00:00:00:0a > 02:00:00:00:00:02, ethertype ";
    private static final long MAC_A = 0x02_00_00_00_00_0aL;
    private static final long MAC_2 = 0x02_00_00_00_00_02L;
    private static final int CLIENT = 0xc000_020a;
    private static final int VIP = 0xc000_0264;

    private TcpdumpTextLines lines;
    private TcpdumpPacketGrammar grammar;

    private TcpdumpPacket parse(String text) throws IOException {
        lines = new TcpdumpTextLines(new BufferedReader(new StringReader(text)), 1000);
        TcpdumpTextLine line = new TcpdumpTextLine();
        grammar = new TcpdumpPacketGrammar(lines, line);
        assertThat(lines.next()).isTrue();
        line.reset(lines.chars(), lines.length());
        return grammar.parse(7);
    }

    @Test
    void tcpWithoutVerbose() throws IOException {
        TcpdumpPacket p = parse(ETH + "IPv4 (0x0800), length 74: 192.0.2.10.40001 > 192.0.2.100.80: Flags [S],"
                + " seq 309300673, win 64240, options [mss 1460], length 0");
        assertThat(p).isEqualTo(new TcpdumpPacket(7, MAC_A, MAC_2, 74, new int[0], 0x0800, null,
                new Ipv4(IpHeader.UNPRINTED, CLIENT, VIP, new Tcp(40001, 80, 0x02, 309300673, -1, 64240, 0, 0))));
    }

    @Test
    void verboseTwoLineFormReadsItsContinuation() throws IOException {
        TcpdumpPacket p = parse(ETH + "IPv4 (0x0800), length 60:"
                + " (tos 0x10, ttl 63, id 5138, offset 0, flags [DF], proto UDP (17), length 46)\n"
                + "    192.0.2.10.5353 > 192.0.2.100.53: UDP, length 18\n");
        assertThat(p.ipv4()).isEqualTo(new Ipv4(new IpHeader(0x10, 63, 5138, 0x4000, 46, 17), CLIENT, VIP,
                new Udp(5353, 53, 18)));
        assertThat(lines.lineNumber()).isEqualTo(2);
    }

    @Test
    void aPrintedProtocolThatDisagreesIsNotUnderstood() throws IOException {
        assertThat(parse(ETH + "IPv4 (0x0800), length 60: (ttl 63, proto TCP (6), length 46)"
                + " 192.0.2.10.5353 > 192.0.2.100.53: UDP, length 18")).isNull();
    }

    @Test
    void arpRequestAndReplyWithVlanTag() throws IOException {
        TcpdumpPacket request = parse(ETH + "802.1Q (0x8100), length 64: vlan 10, p 3, ethertype ARP (0x0806),"
                + " Request who-has 192.0.2.100 tell 192.0.2.10, length 46");
        assertThat(request.tags()).containsExactly(0x8100 << 16 | 3 << 13 | 10);
        assertThat(request.arp()).isEqualTo(new Arp(1, MAC_A, CLIENT, 0, VIP));
        TcpdumpPacket reply = parse(ETH + "ARP (0x0806), length 42: Reply 192.0.2.100 is-at 02:00:00:00:00:11,"
                + " length 28");
        assertThat(reply.arp()).isEqualTo(new Arp(2, 0x02_00_00_00_00_11L, VIP, MAC_2, 0));
    }

    @Test
    void icmpErrorWithItsQuotedPacket() throws IOException {
        TcpdumpPacket p = parse(ETH + "IPv4 (0x0800), length 590: 192.0.2.10 > 192.0.2.100: ICMP 192.0.2.10"
                + " unreachable - need to frag (mtu 1000), length 556\n"
                + "\t(tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 1500)\n"
                + "\t192.0.2.100.80 > 192.0.2.10.40001: Flags [.], seq 1:1449, ack 1, win 502, length 1448\n");
        assertThat(p.ipv4().transport()).isEqualTo(new Icmp(3, 4, 1000, 548, new Quote(6, VIP, CLIENT, 80, 40001)));
    }

    @Test
    void linesWithoutMacsAreCountedAndOtherEthertypesKept() throws IOException {
        assertThat(parse("IP 192.0.2.10.40001 > 192.0.2.100.80: Flags [S], seq 1, win 1, length 0")).isNull();
        assertThat(grammar.withoutMacs()).isEqualTo(1);
        TcpdumpPacket lldp = parse(ETH + "LLDP (0x88cc), length 60: LLDP, length 46");
        assertThat(lldp.etherType()).isEqualTo(0x88cc);
        assertThat(lldp.arp()).isNull();
        assertThat(lldp.ipv4()).isNull();
        assertThat(parse(ETH + "802.3 (0x05dc), length 60: x")).as("an 802.3 length").isNull();
    }
}
