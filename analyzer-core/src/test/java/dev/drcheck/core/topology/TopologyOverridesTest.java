package dev.drcheck.core.topology;

import dev.drcheck.core.check.SampleCaptures;
import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.finding.Host;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import dev.drcheck.core.report.Report;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopologyOverridesTest {
    private static final int VIP = Ipv4.parse("192.0.2.100");
    private static final long DIRECTOR = Mac.parse("02:00:00:00:00:02");
    private static final long RS1 = Mac.parse("02:00:00:00:00:11");

    @Test
    void inferredElementsSayWhichFramesShowThem() {
        DrTopology topology = SampleCaptures.analyze("healthy.pcap").topology();

        assertThat(topology.vips()).singleElement().satisfies(vip -> {
            assertThat(vip.ip()).isEqualTo(VIP);
            assertThat(vip.ports()).containsExactly(80);
            assertThat(vip.provenance().given()).isFalse();
            assertThat(vip.provenance().frames()).startsWith(4L);
        });
        assertThat(topology.directors()).extracting(Director::mac).containsExactly(DIRECTOR);
        assertThat(topology.realServers()).extracting(rs -> rs.host().toString())
                .containsExactly("02:00:00:00:00:11 (192.0.2.11)", "02:00:00:00:00:12 (192.0.2.12)");
    }

    @Test
    void givenVipWithPortReplacesTheInferredOneAndKeepsItsPort() {
        TopologyOverrides given = new TopologyOverrides(
                List.of(new TopologyOverrides.VipSpec(VIP, 8080)), List.of(), List.of());

        Report report = SampleCaptures.analyze("port-closed-rs2.pcap", given);

        assertThat(report.topology().vips()).singleElement().satisfies(vip -> {
            assertThat(vip.ports()).containsExactly(8080);
            assertThat(vip.provenance().how()).isEqualTo("given by --vip");
        });
        assertThat(report.findings()).as("no VIP service on port 80 was given, so port 80 flows are not judged")
                .isEmpty();
    }

    @Test
    void givenDirectorDecidesWhoMayAnswerArp() {
        TopologyOverrides given = new TopologyOverrides(List.of(), List.of(RS1), List.of());

        Report report = SampleCaptures.analyze("arp-ignore-rs1.pcap", given);

        assertThat(report.topology().directors()).singleElement()
                .satisfies(d -> assertThat(d.provenance().given()).isTrue());
        assertThat(report.findings()).filteredOn(f -> f.checkId().equals("RsAnswersArpForVip"))
                .extracting(Finding::culprit).extracting(Host::mac).containsExactly(DIRECTOR);
    }

    @Test
    void givenRealServerAddressIsUsedInFindings() {
        TopologyOverrides given = new TopologyOverrides(List.of(), List.of(),
                List.of(Host.of(Mac.parse("02:00:00:00:00:12"), Ipv4.parse("192.0.2.12")), Host.macOnly(RS1)));

        Report report = SampleCaptures.analyze("vip-missing-rs2.pcap", given);

        assertThat(report.findings()).filteredOn(f -> f.checkId().equals("SynUnanswered")).singleElement()
                .satisfies(f -> {
                    assertThat(f.culprit().toString()).isEqualTo("02:00:00:00:00:12 (192.0.2.12)");
                    assertThat(f.fix()).contains("missing on 192.0.2.12");
                });
    }

    @Test
    void aGivenVipThatSeesNoTrafficYieldsNoFindings() {
        Report report = SampleCaptures.analyze("healthy-rs1-port.pcap",
                new TopologyOverrides(List.of(new TopologyOverrides.VipSpec(Ipv4.parse("192.0.2.99"), -1)),
                        List.of(), List.of()));

        assertThat(report.findings()).isEmpty();
        assertThat(report.topology().realServers()).isEmpty();
    }
}
