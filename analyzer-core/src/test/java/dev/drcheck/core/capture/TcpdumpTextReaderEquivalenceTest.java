package dev.drcheck.core.capture;

import dev.drcheck.core.engine.Analyzer;
import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.frame.Evidence;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import dev.drcheck.core.report.Report;
import dev.drcheck.core.topology.Director;
import dev.drcheck.core.topology.RealServer;
import dev.drcheck.core.topology.TopologyOverrides;
import dev.drcheck.core.topology.Vip;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same lab capture read as pcap and as the text {@code tcpdump -nn -e} printed from it (sample-pcaps/text/)
 * gives the same topology and the same findings: check ids, severities, culprits, counts and evidence frames.
 */
class TcpdumpTextReaderEquivalenceTest {
    /** Suffixes of the variants printed with extra tcpdump options; the pcap is the name without them. */
    private static final List<String> VARIANT_SUFFIXES = List.of("-tttt", "-S", "-v");

    /**
     * What legitimately differs in the text form, per text file: edits (find, replace) applied to the pcap's summary
     * lines before comparing. Nothing else may differ.
     *
     * <p>nat-mode and nat-no-return: tcpdump prints the IPv4 TTL only with -v. Without it the reader assumes TTL 64
     * on both copies of a forwarded packet, so ForwardedLegModified cannot see the NAT director lower the TTL by 1.
     * The finding itself
     * (id, severity, culprit, count, evidence frames) still comes from the rewritten destination IP; only the TTL
     * clause of its message is missing. nat-mode-v.txt (printed with -v) carries the TTL and has no exception.
     */
    private static final String NAT_TTL_CLAUSE = "; TTL lowered by 1";
    private static final Map<String, List<String[]>> EXCEPTIONS = Map.of(
            "nat-mode.txt", List.<String[]>of(new String[] {NAT_TTL_CLAUSE, ""}),
            "nat-mode-tttt.txt", List.<String[]>of(new String[] {NAT_TTL_CLAUSE, ""}),
            "nat-no-return.txt", List.<String[]>of(new String[] {NAT_TTL_CLAUSE, ""}));

    static Path samples() {
        String root = System.getProperty("drcheck.repoRoot");
        Path start = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("sample-pcaps"))) {
                return p.resolve("sample-pcaps");
            }
        }
        throw new IllegalStateException("sample-pcaps not found above " + start);
    }

    static List<String> textSamples() {
        try (Stream<Path> files = Files.list(samples().resolve("text"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pcapFor(String textName) {
        String base = textName.substring(0, textName.length() - ".txt".length());
        if (Files.exists(samples().resolve(base + ".pcap"))) {
            return base + ".pcap";
        }
        for (String suffix : VARIANT_SUFFIXES) {
            if (base.endsWith(suffix)) {
                return base.substring(0, base.length() - suffix.length()) + ".pcap";
            }
        }
        throw new IllegalStateException(textName + ": no pcap it was printed from");
    }

    static Report analyzePcap(String name) throws IOException {
        try (PcapReader reader = PcapReader.open(samples().resolve(name))) {
            return new Analyzer(TopologyOverrides.none()).analyze(reader);
        }
    }

    static Report analyzeText(String name) throws IOException {
        BufferedReader in = Files.newBufferedReader(samples().resolve("text").resolve(name), StandardCharsets.UTF_8);
        try (TcpdumpTextReader reader = TcpdumpTextReader.open(in, name)) {
            Report report = new Analyzer(TopologyOverrides.none()).analyze(reader);
            assertThat(reader.linesNotUnderstood()).as(name + " " + reader.notes()).isZero();
            return report;
        }
    }

    /** What must agree between the two forms, one line each. */
    static List<String> summary(Report report) {
        List<String> lines = new ArrayList<>();
        for (Vip vip : report.topology().vips()) {
            lines.add("vip " + Ipv4.format(vip.ip()) + " ports " + vip.ports());
        }
        for (Director director : report.topology().directors()) {
            lines.add("director " + Mac.format(director.mac()));
        }
        for (RealServer rs : report.topology().realServers()) {
            lines.add("rs " + rs.host().macText() + " " + rs.host().ipText());
        }
        for (Finding f : report.findings()) {
            lines.add("finding " + f.checkId() + " " + f.severity() + " " + f.culprit().macText() + " count="
                    + f.count() + " evidence=" + f.evidence().stream().map(Evidence::frame).toList() + " message="
                    + f.message());
        }
        report.realServers().forEach(stats -> lines.add("stats " + stats));
        lines.add("frames " + report.stats().frames() + " arp " + report.stats().arpFrames() + " tcp "
                + report.stats().tcpFrames());
        return lines;
    }

    @TestFactory
    Stream<DynamicTest> textGivesTheFindingsOfItsPcap() {
        return textSamples().stream().map(text -> DynamicTest.dynamicTest(text, () -> {
            List<String> fromPcap = summary(analyzePcap(pcapFor(text)));
            List<String> fromText = summary(analyzeText(text));
            List<String> expected = new ArrayList<>();
            List<String[]> edits = EXCEPTIONS.getOrDefault(text, List.of());
            int applied = 0;
            for (String line : fromPcap) {
                for (String[] edit : edits) {
                    if (line.contains(edit[0])) {
                        line = line.replace(edit[0], edit[1]);
                        applied++;
                    }
                }
                expected.add(line);
            }
            assertThat(applied).as(text + ": every listed exception still applies").isEqualTo(edits.size());
            assertThat(fromText).as(text + " vs " + pcapFor(text)).containsExactlyInAnyOrderElementsOf(expected);
        }));
    }

    /**
     * Captures whose diagnosis the plain text cannot carry, so that they have only a -v text: tcpdump prints the
     * packet an ICMP error quotes (which ties the error to its flow) and the TTL only with -v.
     */
    private static final List<String> ONLY_VERBOSE_TEXT = List.of(
            "pmtu-blackhole.pcap", "pmtu-relayed.pcap", "director-routing.pcap");

    /**
     * Captures whose diagnosis rests on VRRP adverts, which the text reader does not read yet (a VRRP line is not
     * turned back into a frame), so that they have no text.
     */
    private static final String NO_TEXT_PREFIX = "vrrp-";

    @Test
    void everyPcapHasItsText() throws IOException {
        try (Stream<Path> files = Files.list(samples())) {
            List<String> pcaps = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcap"))
                    .filter(n -> !n.startsWith(NO_TEXT_PREFIX)).toList();
            for (String pcap : pcaps) {
                String text = pcap.replace(".pcap", ONLY_VERBOSE_TEXT.contains(pcap) ? "-v.txt" : ".txt");
                assertThat(samples().resolve("text").resolve(text)).exists();
            }
            assertThat(pcaps).containsAll(ONLY_VERBOSE_TEXT);
        }
    }
}
