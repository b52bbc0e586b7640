package dev.drcheck.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drcheck.core.capture.CaptureDamage;
import dev.drcheck.core.capture.SkippedRange;
import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.frame.Evidence;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import dev.drcheck.core.topology.Director;
import dev.drcheck.core.topology.DrTopology;
import dev.drcheck.core.topology.Provenance;
import dev.drcheck.core.topology.RealServer;
import dev.drcheck.core.topology.Vip;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JsonReportWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** 2026-11-22T02:30:01.123456Z in nanoseconds. */
    private static final long T1 = 1_795_314_601_123_456_000L;

    private static final long DIRECTOR = Mac.parse("02:00:00:00:00:01");
    private static final long RS1 = Mac.parse("02:00:00:00:00:11");
    private static final long RS2 = Mac.parse("02:00:00:00:00:12");
    private static final int VIP = Ipv4.parse("192.0.2.100");
    private static final int RIP1 = Ipv4.parse("192.0.2.11");

    static Report sampleReport() {
        DrTopology topology = new DrTopology(
                List.of(new Vip(VIP, List.of(80, 443),
                        Provenance.inferred("client SYNs re-emitted by the director", List.of(3L, 7L, 12L)))),
                List.of(new Director(DIRECTOR, Provenance.given("--director-mac"))),
                List.of(new RealServer(Host.of(RS1, RIP1), Provenance.inferred("forwarded SYNs", List.of(4L))),
                        new RealServer(Host.macOnly(RS2), Provenance.inferred("forwarded SYNs", List.of(9L)))),
                List.of("RIP of 02:00:00:00:00:12 unknown: it never sent ARP"));
        Finding arp = new Finding("RsAnswersArpForVip", Severity.ERROR, Host.of(RS1, RIP1),
                "02:00:00:00:00:11 (192.0.2.11) answers ARP for VIP 192.0.2.100",
                List.of(new Evidence(12, T1), new Evidence(14, T1 + 1_000)), 7,
                "sysctl -w net.ipv4.conf.all.arp_ignore=1\nsysctl -w net.ipv4.conf.all.arp_announce=2");
        Finding port = new Finding("PortClosed", Severity.WARNING, Host.macOnly(RS2),
                "02:00:00:00:00:12 resets connections to 192.0.2.100:80", List.of(new Evidence(20, T1 + 5)), 1,
                "start the service on port 80");
        List<RealServerStats> table = List.of(new RealServerStats(Host.of(RS1, RIP1), 10, 9, 1, 0),
                new RealServerStats(Host.macOnly(RS2), 5, 0, 0, 5));
        CaptureStats stats = new CaptureStats("arp-ignore-rs1.pcap", 100, 10, 80, 5, 2, 3, T1 - 1_000_000_000L,
                T1 + 4_000_000_000L, 15, 14, Map.of("truncated_arp", 2L, "bad_ip_checksum", 1L),
                Optional.of(new CaptureDamage(100, 123_456, "capture ends inside frame 101: record needs 80 bytes,"
                        + " 12 present (expected: a complete record)")));
        return new Report(topology, List.of(port, arp), table, List.of("replies from real servers: not on this"
                + " segment"), stats);
    }

    private static JsonNode parse(Report report) throws IOException {
        String json = JsonReportWriter.toJson(report);
        return MAPPER.readTree(json);
    }

    @Test
    void writesEveryTopLevelFieldInOrder() throws IOException {
        JsonNode root = parse(sampleReport());
        List<String> names = List.copyOf(iterable(root.fieldNames()));
        assertThat(names).containsExactly("capture", "verdict", "topology", "findings", "realServers",
                "services", "vipOwners", "notObserved", "stats");
        assertThat(root.get("capture").asText()).isEqualTo("arp-ignore-rs1.pcap");
        assertThat(root.get("verdict").asText()).isEqualTo("error");
    }

    @Test
    void writesTopologyWithProvenance() throws IOException {
        JsonNode topology = parse(sampleReport()).get("topology");
        JsonNode vip = topology.get("vips").get(0);
        assertThat(vip.get("ip").asText()).isEqualTo("192.0.2.100");
        assertThat(vip.get("ports").toString()).isEqualTo("[80,443]");
        assertThat(vip.get("provenance").get("given").asBoolean()).isFalse();
        assertThat(vip.get("provenance").get("how").asText()).isEqualTo("client SYNs re-emitted by the director");
        assertThat(vip.get("provenance").get("frames").toString()).isEqualTo(
                "[{\"frame\":3,\"capture\":\"arp-ignore-rs1.pcap\"},{\"frame\":7,\"capture\":\"arp-ignore-rs1.pcap\"},"
                        + "{\"frame\":12,\"capture\":\"arp-ignore-rs1.pcap\"}]");

        JsonNode director = topology.get("directors").get(0);
        assertThat(director.get("mac").asText()).isEqualTo("02:00:00:00:00:01");
        assertThat(director.get("provenance").get("given").asBoolean()).isTrue();
        assertThat(director.get("provenance").get("how").asText()).isEqualTo("given by --director-mac");
        assertThat(director.get("provenance").get("frames").isArray()).isTrue();

        JsonNode realServers = topology.get("realServers");
        assertThat(realServers).hasSize(2);
        assertThat(realServers.get(0).get("ip").asText()).isEqualTo("192.0.2.11");
        assertThat(realServers.get(1).get("ip").isNull()).isTrue();
        assertThat(topology.get("notes").get(0).asText()).startsWith("RIP of");
    }

    @Test
    void writesFindingsMostSevereFirstWithEvidenceTimes() throws IOException {
        JsonNode findings = parse(sampleReport()).get("findings");
        assertThat(findings).hasSize(2);
        JsonNode arp = findings.get(0);
        assertThat(arp.get("id").asText()).isEqualTo("RsAnswersArpForVip");
        assertThat(arp.get("severity").asText()).isEqualTo("error");
        assertThat(arp.get("culprit").get("mac").asText()).isEqualTo("02:00:00:00:00:11");
        assertThat(arp.get("culprit").get("ip").asText()).isEqualTo("192.0.2.11");
        assertThat(arp.get("count").asLong()).isEqualTo(7);
        assertThat(arp.get("fix").asText()).contains("\n").startsWith("sysctl -w");
        JsonNode evidence = arp.get("evidence");
        assertThat(evidence).hasSize(2);
        assertThat(evidence.get(0).get("frame").asLong()).isEqualTo(12);
        assertThat(evidence.get(0).get("time").asText()).isEqualTo("2026-11-22T02:30:01.123456000Z");
        assertThat(evidence.get(0).get("timestampNanos").asLong()).isEqualTo(T1);
        assertThat(evidence.get(1).get("time").asText()).isEqualTo("2026-11-22T02:30:01.123457000Z");

        JsonNode port = findings.get(1);
        assertThat(port.get("severity").asText()).isEqualTo("warning");
        assertThat(port.get("culprit").get("ip").isNull()).isTrue();
    }

    @Test
    void writesRealServerTableNotObservedAndStats() throws IOException {
        JsonNode root = parse(sampleReport());
        JsonNode rs = root.get("realServers").get(0);
        assertThat(rs.get("mac").asText()).isEqualTo("02:00:00:00:00:11");
        assertThat(rs.get("flows").asLong()).isEqualTo(10);
        assertThat(rs.get("handshakesCompleted").asLong()).isEqualTo(9);
        assertThat(rs.get("synsUnanswered").asLong()).isEqualTo(1);
        assertThat(rs.get("resets").asLong()).isEqualTo(0);
        assertThat(root.get("realServers").get(1).get("ip").isNull()).isTrue();
        assertThat(root.get("notObserved").get(0).asText()).startsWith("replies from real servers");

        JsonNode stats = root.get("stats");
        assertThat(List.copyOf(iterable(stats.fieldNames()))).containsExactly("frames", "captures", "arpFrames",
                "tcpFrames", "udpFrames", "icmpFrames", "otherFrames", "firstTime", "lastTime", "tcpFlows",
                "forwardedPairs", "readerNotes", "tableLimits", "loss", "anomalies", "damage", "skippedRanges");
        assertThat(stats.get("frames").asLong()).isEqualTo(100);
        assertThat(stats.get("firstTime").asText()).isEqualTo("2026-11-22T02:30:00.123456000Z");
        assertThat(stats.get("lastTime").asText()).isEqualTo("2026-11-22T02:30:05.123456000Z");
        assertThat(stats.get("anomalies").get("truncated_arp").asLong()).isEqualTo(2);
        assertThat(List.copyOf(iterable(stats.get("anomalies").fieldNames())))
                .containsExactly("bad_ip_checksum", "truncated_arp");
        assertThat(stats.get("damage").get("afterFrame").asLong()).isEqualTo(100);
        assertThat(stats.get("damage").get("byteOffset").asLong()).isEqualTo(123_456);
        assertThat(stats.get("damage").get("description").asText()).startsWith("capture ends inside frame 101");
        assertThat(stats.get("skippedRanges").isArray()).isTrue();
        assertThat(stats.get("skippedRanges")).isEmpty();
    }

    @Test
    void writesTheServiceTableAndTheVipOwners() throws IOException {
        Report sample = sampleReport();
        Report report = new Report(sample.topology(), sample.findings(), sample.realServers(), sample.notObserved(),
                sample.stats(), List.of(new ServiceStats(VIP, 80, Host.of(RS1, RIP1), 10, 9, 1, 0)),
                List.of(new VipOwner(VIP, RS1, 12, T1)));

        JsonNode root = parse(report);

        JsonNode service = root.get("services").get(0);
        assertThat(service.get("vip").asText()).isEqualTo("192.0.2.100");
        assertThat(service.get("port").asInt()).isEqualTo(80);
        assertThat(service.get("mac").asText()).isEqualTo("02:00:00:00:00:11");
        assertThat(service.get("synsUnanswered").asLong()).isEqualTo(1);
        JsonNode owner = root.get("vipOwners").get(0);
        assertThat(owner.get("mac").asText()).isEqualTo("02:00:00:00:00:11");
        assertThat(owner.get("frame").asLong()).isEqualTo(12);
        assertThat(owner.get("capture").asText()).isEqualTo("arp-ignore-rs1.pcap");
    }

    @Test
    void lossWithoutWarningsIsIncompleteAndSaysWhatWasLeftOut() throws IOException {
        LossStats loss = new LossStats(887_850, 3, 32, 5, 1);
        CaptureStats stats = new CaptureStats("v1", 3, 0, 3, 0, 0, 0, T1, T1, 0, 0, Map.of(), Optional.empty(),
                List.of("v1"), List.of(), List.of(), Map.of(), loss);
        Report report = new Report(DrTopology.empty(), List.of(), List.of(), List.of(), stats);

        JsonNode root = parse(report);

        assertThat(root.get("verdict").asText()).isEqualTo("incomplete");
        JsonNode node = root.get("stats").get("loss");
        assertThat(List.copyOf(iterable(node.fieldNames()))).containsExactly("droppedByKernel",
                "droppedByInterface", "flowsLeftOutForLoss", "flowsWithGaps", "icmpErrorsLeftOut");
        assertThat(node.get("droppedByKernel").asLong()).isEqualTo(887_850);
        assertThat(node.get("droppedByInterface").asLong()).isEqualTo(3);
        assertThat(node.get("flowsLeftOutForLoss").asLong()).isEqualTo(32);
        assertThat(node.get("flowsWithGaps").asLong()).isEqualTo(5);
        assertThat(node.get("icmpErrorsLeftOut").asLong()).isEqualTo(1);
    }

    @Test
    void anErrorOutranksLossInTheVerdict() throws IOException {
        Report broken = sampleReport();
        CaptureStats s = broken.stats();
        CaptureStats lossy = new CaptureStats(s.captureName(), s.frames(), s.arpFrames(), s.tcpFrames(),
                s.udpFrames(), s.icmpFrames(), s.otherFrames(), s.firstTimestampNanos(), s.lastTimestampNanos(),
                s.tcpFlows(), s.forwardedPairs(), s.anomalies(), s.damage(), s.captures(), s.readerNotes(),
                s.skippedRanges(), s.tableLimits(), new LossStats(10, 0, 2, 0, 0));

        Report report = new Report(broken.topology(), broken.findings(), broken.realServers(), broken.notObserved(),
                lossy);

        assertThat(parse(report).get("verdict").asText()).isEqualTo("error");
    }

    @Test
    void writesSkippedRanges() throws IOException {
        CaptureStats stats = new CaptureStats("x.pcapng", 3, 0, 3, 0, 0, 0, T1, T1, 0, 0, Map.of(), Optional.empty(),
                List.of("x.pcapng"), List.of(), List.of(
                        new SkippedRange(1, 100, 228, SkippedRange.UNKNOWN_FRAMES_LOST, "bad block length: 62"),
                        new SkippedRange(2, 300, 360, 1, "frame 3 is corrupt\u001b[2J")), Map.of(),
                LossStats.NONE);
        Report report = new Report(DrTopology.empty(), List.of(), List.of(), List.of(), stats);

        JsonNode ranges = parse(report).get("stats").get("skippedRanges");

        assertThat(ranges).hasSize(2);
        assertThat(List.copyOf(iterable(ranges.get(0).fieldNames())))
                .containsExactly("afterFrame", "from", "to", "framesLost", "description");
        assertThat(ranges.get(0).get("from").asLong()).isEqualTo(100);
        assertThat(ranges.get(0).get("to").asLong()).isEqualTo(228);
        assertThat(ranges.get(0).get("framesLost").isNull()).isTrue();
        assertThat(ranges.get(1).get("framesLost").asLong()).isEqualTo(1);
        assertThat(ranges.get(1).get("description").asText()).isEqualTo("frame 3 is corrupt\u001b[2J");
    }

    @Test
    void emptyReportIsOkWithNullTimesAndDamage() throws IOException {
        Report empty = new Report(DrTopology.empty(), List.of(), List.of(), List.of(),
                new CaptureStats("empty.pcap", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), Optional.empty()));
        String json = JsonReportWriter.toJson(empty);
        JsonNode root = MAPPER.readTree(json);
        assertThat(root.get("verdict").asText()).isEqualTo("ok");
        assertThat(root.get("findings").isArray()).isTrue();
        assertThat(root.get("findings")).isEmpty();
        assertThat(root.get("stats").get("firstTime").isNull()).isTrue();
        assertThat(root.get("stats").get("lastTime").isNull()).isTrue();
        assertThat(root.get("stats").get("damage").isNull()).isTrue();
        assertThat(root.get("stats").get("anomalies").isObject()).isTrue();
        assertThat(json).contains("\"findings\": []").contains("\"anomalies\": {}");
    }

    @Test
    void verdictFollowsWorstSeverity() {
        Report report = sampleReport();
        Report warningsOnly = new Report(report.topology(),
                report.findings().stream().filter(f -> f.severity() == Severity.WARNING).toList(),
                report.realServers(), report.notObserved(), report.stats());
        assertThat(JsonReportWriter.verdict(warningsOnly)).isEqualTo("warning");
        Report infoOnly = new Report(report.topology(), List.of(new Finding("Info", Severity.INFO,
                Host.macOnly(RS1), "m", List.of(), 0, "f")), List.of(), List.of(), report.stats());
        assertThat(JsonReportWriter.verdict(infoOnly)).isEqualTo("info");
    }

    @Test
    void isPrettyPrintedWithTwoSpaceIndent() {
        String json = JsonReportWriter.toJson(sampleReport());
        assertThat(json).startsWith("{\n  \"capture\": \"arp-ignore-rs1.pcap\",\n  \"verdict\": \"error\",\n");
        assertThat(json).contains("\n    \"vips\": [\n      {\n        \"ip\": \"192.0.2.100\",");
        assertThat(json).endsWith("}\n");
        assertThat(json).doesNotContain("\t");
    }

    @Test
    void escapesQuotesBackslashesAndEveryControlCharacter() throws IOException {
        StringBuilder hostile = new StringBuilder("q\"b\\s/");
        for (char c = 0; c < 0x20; c++) {
            hostile.append(c);
        }
        hostile.append('\u007f');
        for (char c = 0x80; c <= 0x9f; c++) {
            hostile.append(c);
        }
        hostile.append("\u001b[31mred\u009b2J é \u2028 \uD83D\uDE00 lone\uD800x");
        String name = hostile.toString();
        Report report = new Report(DrTopology.empty(), List.of(), List.of(), List.of(name),
                new CaptureStats(name, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(name, 1L), Optional.empty()));

        String json = JsonReportWriter.toJson(report);

        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean layout = c == '\n';
            assertThat(layout || (c >= 0x20 && !(c >= 0x7f && c <= 0x9f)))
                    .as("raw char U+%04X at %d", (int) c, i).isTrue();
        }
        assertThat(json).contains("\\u001b[31mred\\u009b2J").contains("\\u0000").contains("\\u007f")
                .contains("\\u0085").contains("\\\"").contains("\\\\").contains("\\u2028").contains("\\ud800");
        JsonNode root = MAPPER.readTree(json);
        String expected = name.replace('\uD800', '\uFFFD');
        assertThat(root.get("capture").asText().replace('\uD800', '\uFFFD')).isEqualTo(expected);
        assertThat(root.get("notObserved").get(0).asText().replace('\uD800', '\uFFFD')).isEqualTo(expected);
        assertThat(root.get("stats").get("anomalies").fieldNames().next().replace('\uD800', '\uFFFD'))
                .isEqualTo(expected);
    }

    @Test
    void formatsTimesInUtcWithNanoseconds() {
        assertThat(JsonReportWriter.isoTime(0)).isEqualTo("1970-01-01T00:00:00.000000000Z");
        assertThat(JsonReportWriter.isoTime(T1 + 789)).isEqualTo("2026-11-22T02:30:01.123456789Z");
        assertThat(JsonReportWriter.isoTime(-1)).isEqualTo("1969-12-31T23:59:59.999999999Z");
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> list = new java.util.ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
