package dev.drcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drcheck.core.capture.LiveCaptureException;
import dev.drcheck.core.capture.LiveCaptureException.Kind;
import dev.drcheck.core.capture.LiveFrameSource;
import dev.drcheck.core.capture.LiveInterface;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code drcheck live} on a scripted frame source with a fake clock: streaming output, stops, errors. */
class LiveCommandTest {
    private static final Path SAMPLES = Cli.repoRoot().resolve("sample-pcaps");
    private static final String RS1 = "02:00:00:00:00:11";

    private final List<String> filters = new ArrayList<>();
    private final AtomicReference<Runnable> ctrlC = new AtomicReference<>();
    private final AtomicReference<Runnable> sighup = new AtomicReference<>();

    private LiveSetup setup = LiveSetup.SYSTEM;

    private LiveScriptedSource script(String sample) {
        LiveScriptedSource source = new LiveScriptedSource(SAMPLES.resolve(sample));
        setup = new LiveSetup(source.captures(filters), source.clock, (stop, hangup) -> {
            ctrlC.set(stop);
            sighup.set(hangup);
            return () -> {
                ctrlC.set(null);
                sighup.set(null);
            };
        });
        return source;
    }

    private Cli.Result run(boolean terminal, String... args) {
        return Cli.run(new Environment(Map.of(), terminal, Cli.NEVER, setup), args);
    }

    private Cli.Result run(String... args) {
        return run(false, args);
    }

    private static long lines(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).count();
    }

    @Test
    void aFindingIsPrintedOnceWhenFirstEstablishedThenTheFullReport() {
        LiveScriptedSource source = script("arp-ignore-rs1.pcap");

        Cli.Result result = run("live", "--duration", "5s", "--status-interval", "200ms", "br0");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        String out = result.out();
        // Streamed once, before the report; the report's own finding line is indented.
        assertThat(lines(out, "[ERROR] RsAnswersArpForVip: real server " + RS1)).isEqualTo(1);
        assertThat(lines(out, "[")).isEqualTo(1);
        assertThat(lines(out, "Topology: VIP 192.0.2.100 port 80; director 02:00:00:00:00:02"))
                .isGreaterThanOrEqualTo(1);
        assertThat(out.indexOf("[ERROR] RsAnswersArpForVip")).isLessThan(out.indexOf("\nFindings"));
        assertThat(out).startsWith("Capturing on br0 (1 EN10MB/Ethernet, filter: " + LiveCommand.DEFAULT_FILTER
                + "); stops after 5.0 s, on Ctrl-C\n");
        assertThat(lines(out, "Verdict:")).isEqualTo(1);
        assertThat(out).contains("  [ERROR] RsAnswersArpForVip", "live capture on br0 (filter: "
                + LiveCommand.DEFAULT_FILTER + "): --duration elapsed after 5.0 s, " + source.frameCount() + " frames");
        assertThat(result.err()).isEmpty();
        assertThat(source.closed).isTrue();
        assertThat(filters).containsExactly("arp or tcp or vrrp or icmp[icmptype] == icmp-unreach or icmp[icmptype] =="
                + " icmp-sourcequench or icmp[icmptype] == icmp-timxceed or icmp[icmptype] == icmp-paramprob");
    }

    @Test
    void theTopologyLineComesWhenTheSetChangesNotOnEveryUpdate() {
        script("healthy.pcap");

        Cli.Result result = run("live", "--duration", "4s", "--status-interval", "100ms", "br0");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        List<String> topology = result.out().lines().filter(l -> l.startsWith("Topology:")).toList();
        assertThat(topology).doesNotHaveDuplicates().isNotEmpty();
        assertThat(topology.get(topology.size() - 1))
                .isEqualTo("Topology: VIP 192.0.2.100 port 80; director 02:00:00:00:00:02; real servers"
                        + " 02:00:00:00:00:11 (192.0.2.11), 02:00:00:00:00:12 (192.0.2.12)");
        assertThat(lines(result.out(), "[")).isZero();
    }

    @Test
    void onATerminalAStatusLineIsRewrittenInPlaceOnStandardError() {
        script("arp-ignore-rs1.pcap");

        Cli.Result result = run(true, "live", "--duration", "3s", "--color", "never", "br0");

        String err = result.err();
        assertThat(err).startsWith("\r00:00:01  ").contains("\r00:00:02  ", " frames analysed (",
                "received 191, dropped 0 by kernel, 0 by interface  ",
                " flows open  1 errors, 0 warnings, 0 info");
        assertThat(err).doesNotContain("\n");
        // Erased before the report: the last thing on the line is blanks, then a carriage return.
        assertThat(err).endsWith(" \r");
    }

    @Test
    void withoutATerminalThereIsNoStatusLine() {
        script("arp-ignore-rs1.pcap");

        Cli.Result result = run(false, "live", "--duration", "3s", "br0");

        assertThat(result.err()).isEmpty();
        assertThat(result.out()).doesNotContain("\r");
    }

    @Test
    void countStopsAfterThatManyFrames() throws IOException {
        script("arp-ignore-rs1.pcap");

        Cli.Result result = run("live", "--count", "50", "--format", "json", "br0");

        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.path("stats").path("frames").asLong()).isEqualTo(50);
        assertThat(report.path("stats").path("readerNotes").get(0).asText())
                .startsWith("live capture on br0 (filter: " + LiveCommand.DEFAULT_FILTER
                        + "): --count frames captured after ")
                .endsWith(", 50 frames");
    }

    @Test
    void theJsonReportParsesAndTheStreamedLinesGoToStandardError() throws IOException {
        script("arp-ignore-rs1.pcap");

        Cli.Result result = run("live", "--duration", "3s", "--format", "json", "br0");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        JsonNode report = new ObjectMapper().readTree(result.out());
        JsonNode finding = report.path("findings").get(0);
        assertThat(finding.path("id").asText()).isEqualTo("RsAnswersArpForVip");
        assertThat(finding.path("culprit").path("mac").asText()).isEqualTo(RS1);
        assertThat(report.path("capture").asText()).isEqualTo("br0");
        assertThat(lines(result.err(), "[ERROR] RsAnswersArpForVip")).isEqualTo(1);
        assertThat(result.err()).startsWith("Capturing on br0");
    }

    @Test
    void ctrlCStopsTheCaptureAndTheReportIsPrintedOnce() {
        LiveScriptedSource source = script("arp-ignore-rs1.pcap");
        source.at(60, () -> ctrlC.get().run());

        Cli.Result result = run("live", "br0");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(source.stops).as("capture stopped").isPositive();
        assertThat(lines(result.out(), "Verdict:")).isEqualTo(1);
        assertThat(result.out())
                .contains("live capture on br0 (filter: " + LiveCommand.DEFAULT_FILTER + "): interrupted after ");
        assertThat(ctrlC.get()).as("signal handler removed after the capture").isNull();
    }

    @Test
    void anInterfaceGoingDownGivesTheReportOfWhatWasSeenThenTheErrorAndExit3() {
        script("arp-ignore-rs1.pcap").failAfter(40);

        Cli.Result result = run("live", "--duration", "10s", "br0");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.out()).contains("Verdict:", "capture failed after", ", 40 frames");
        assertThat(result.errLines()).containsExactly("drcheck: capture on br0 stopped: the interface is down or"
                + " gone (The interface disappeared)");
    }

    @Test
    void writeSavesAPcapThatDrcheckFileAnalysesTheSame(@TempDir Path dir) throws IOException {
        script("arp-ignore-rs1.pcap");
        Path saved = dir.resolve("saved.pcap");

        Cli.Result live = run("live", "--duration", "3s", "--format", "json", "--write", saved.toString(), "br0");
        Cli.Result file = Cli.run(new Environment(Map.of(), false, new CaptureFiles(InputStream.nullInputStream())),
                "file", "--format", "json", saved.toString());
        Cli.Result original = Cli.run("file", "--format", "json", SAMPLES.resolve("arp-ignore-rs1.pcap").toString());

        JsonNode fromLive = new ObjectMapper().readTree(live.out());
        JsonNode fromFile = new ObjectMapper().readTree(file.out());
        JsonNode fromOriginal = new ObjectMapper().readTree(original.out());
        assertThat(file.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(fromFile.path("findings")).isEqualTo(withCapture(fromOriginal.path("findings"), "saved.pcap"));
        assertThat(fromFile.path("stats").path("frames")).isEqualTo(fromLive.path("stats").path("frames"));
        assertThat(fromLive.path("stats").path("readerNotes").toString()).contains("saved 191 frames to ");
    }

    private static JsonNode withCapture(JsonNode findings, String capture) throws IOException {
        return new ObjectMapper().readTree(findings.toString().replace("arp-ignore-rs1.pcap", capture));
    }

    @Test
    void withVipsTheDefaultFilterKeepsArpVrrpAndTheVipsTraffic() {
        script("arp-ignore-rs1.pcap");

        run("live", "--duration", "1s", "--vip", "192.0.2.100:80", "--vip", "192.0.2.101", "br0");

        assertThat(filters).containsExactly(
                "arp or vrrp or ((tcp or udp) and (host 192.0.2.100 or host 192.0.2.101)) or (("
                        + LiveCommand.ICMP_ERRORS
                        + ") and (host 192.0.2.100 or host 192.0.2.101 or icmp[24:4] == 0xc0000264"
                        + " or icmp[24:4] == 0xc0000265))");
    }

    @Test
    void anEmptyFilterCapturesEverything() {
        script("arp-ignore-rs1.pcap");

        run("live", "--duration", "1s", "--filter", "", "br0");

        assertThat(filters).containsExactly("null");
    }

    @Test
    void listShowsTheInterfaces() {
        script("arp-ignore-rs1.pcap");

        Cli.Result result = run("live", "--list");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("br0   up    192.0.2.1/24\n");
    }

    @Test
    void captureErrorsAreOneLineWithTheirExitCode() {
        assertError(new LiveCaptureException(Kind.NO_SUCH_INTERFACE, "no such interface: eth9", List.of("lo", "br0")),
                ExitCodes.INPUT, "drcheck: no such interface: eth9 (interfaces: lo, br0)");
        assertError(new LiveCaptureException(Kind.PERMISSION, "socket: Operation not permitted"), ExitCodes.INPUT,
                "drcheck: cannot capture on eth9: permission denied (socket: Operation not permitted); capture needs"
                        + " root or CAP_NET_RAW and CAP_NET_ADMIN: run as root, or sudo setcap"
                        + " cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))");
        assertError(new LiveCaptureException(Kind.LIBPCAP_MISSING, "UnsatisfiedLinkError: Unable to load library"),
                ExitCodes.INPUT, "drcheck: libpcap not found: install libpcap0.8 (Debian/Ubuntu) or libpcap"
                        + " (RHEL/Fedora)");
        assertError(new LiveCaptureException(Kind.BAD_FILTER, "syntax error"), ExitCodes.USAGE,
                "drcheck: invalid --filter '" + LiveCommand.DEFAULT_FILTER + "': syntax error");
        assertError(new LiveCaptureException(Kind.INTERFACE_DOWN, "That device is not up"), ExitCodes.INPUT,
                "drcheck: cannot capture on eth9: the interface is down or gone (That device is not up)");
    }

    @Test
    void libpcapMissingAlsoFailsTheList() {
        setup = new LiveSetup(failing(new LiveCaptureException(Kind.LIBPCAP_MISSING, "x")),
                LiveClock.SYSTEM, LiveSignals.NONE);

        Cli.Result result = run("live", "--list");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.errLines()).containsExactly(LiveCommand.LIBPCAP_HELP.replaceFirst("^", "drcheck: "));
    }

    @Test
    void aFindingWhoseEvidenceStopsIsClearedAfterTheQuietPeriodWhileTheCaptureGoesOn() {
        script("arp-ignore-rs1.pcap");

        Cli.Result result = run("live", "--duration", "5s", "--status-interval", "200ms", "--clear-after", "1s",
                "br0");

        String out = result.out();
        assertThat(lines(out, "[ERROR] RsAnswersArpForVip: real server " + RS1)).isEqualTo(1);
        assertThat(lines(out, "[CLEARED] RsAnswersArpForVip: " + RS1 + ": nothing new for 1s (1 occurrence in this"
                + " episode)")).isEqualTo(1);
        assertThat(out.indexOf("[ERROR] RsAnswersArpForVip")).isLessThan(out.indexOf("[CLEARED]"));
        assertThat(out).contains("  [ERROR] RsAnswersArpForVip", "--duration elapsed after 5.0 s");
    }

    @Test
    void theEvidenceOfARaisedFindingIsSavedAsAPcapThatDrcheckFileDiagnosesTheSameWay(@TempDir Path dir)
            throws IOException {
        script("arp-ignore-rs1.pcap");

        Cli.Result result = run("live", "--duration", "3s", "--evidence-dir", dir.toString(), "br0");

        List<Path> saved;
        try (Stream<Path> files = Files.list(dir)) {
            saved = files.toList();
        }
        assertThat(saved).singleElement().extracting(p -> p.getFileName().toString()).asString()
                .matches("\\d{8}T\\d{6}Z-RsAnswersArpForVip-02-00-00-00-00-11\\.pcap");
        assertThat(result.out()).contains("  evidence: " + saved.get(0));
        Cli.Result file = Cli.run("file", "--format", "json", saved.get(0).toString());
        assertThat(Cli.culprits(new ObjectMapper().readTree(file.out())))
                .contains("RsAnswersArpForVip error " + RS1);
    }

    @Test
    void jsonLinesGiveEachFindingRaisedAndClearedThenTheReportOneObjectPerLine() throws IOException {
        script("arp-ignore-rs1.pcap");

        Cli.Result result = run("live", "--format", "jsonl", "--duration", "5s", "--status-interval", "200ms",
                "--clear-after", "1s", "br0");

        List<JsonNode> objects = new ArrayList<>();
        for (String line : result.out().split("\n")) {
            objects.add(new ObjectMapper().readTree(line));
        }
        assertThat(objects).extracting(o -> o.path("event").asText()).containsExactly("raised", "cleared", "report");
        assertThat(objects.get(0).path("finding").path("id").asText()).isEqualTo("RsAnswersArpForVip");
        assertThat(objects.get(0).path("finding").path("culprit").path("mac").asText()).isEqualTo(RS1);
        assertThat(objects.get(1).path("episodeCount").asLong()).isEqualTo(1);
        assertThat(objects.get(2).path("verdict").asText()).isEqualTo("error");
        assertThat(result.err()).contains("[ERROR] RsAnswersArpForVip", "[CLEARED] RsAnswersArpForVip");
    }

    @Test
    void aConfigurationThatChangesDuringTheCaptureIsReadAgainAndTheReportUsesIt(@TempDir Path dir)
            throws IOException {
        Path configs = SAMPLES.resolve("configs");
        Path config = Files.copy(configs.resolve("rs1-only.ipvsadm"), dir.resolve("lvs.conf"));
        LiveScriptedSource source = script("healthy.pcap");
        source.at(150, () -> {
            try {
                Files.writeString(config, Files.readString(configs.resolve("healthy.ipvsadm")) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        Cli.Result result = run("live", "--duration", "4s", "--status-interval", "200ms", "--ipvs",
                config.toString(), "br0");

        assertThat(result.out()).contains("[ERROR] UnconfiguredRealServer", "Configuration re-read from " + config);
        String report = result.out().substring(result.out().indexOf("\nFindings"));
        assertThat(report).doesNotContain("UnconfiguredRealServer");
    }

    @Test
    void sighupStartsTheWriteFileAnewSoThatARotatedFileKeepsTheFramesBefore(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("live.pcap");
        Path rotated = dir.resolve("live.pcap.1");
        LiveScriptedSource source = script("arp-ignore-rs1.pcap");
        source.at(100, () -> {
            try {
                Files.move(file, rotated);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sighup.get().run();
        });

        Cli.Result result = run("live", "--duration", "3s", "--write", file.toString(), "br0");

        assertThat(result.out()).contains("SIGHUP: the --write file was started anew",
                "saved " + source.frameCount() + " frames to " + file);
        long before = framesIn(rotated);
        long after = framesIn(file);
        assertThat(before).isGreaterThanOrEqualTo(100);
        assertThat(after).isPositive();
        assertThat(before + after).isEqualTo(source.frameCount());
    }

    private static long framesIn(Path pcap) throws IOException {
        JsonNode report = new ObjectMapper().readTree(Cli.run("file", "--format", "json", pcap.toString()).out());
        return report.path("stats").path("frames").asLong();
    }

    @Test
    void aMetricsPortThatIsTakenIsOneLineAndExit3BeforeCapturing() throws IOException {
        setup = new LiveSetup(failing(new LiveCaptureException(Kind.FAILED, "must not open")),
                LiveClock.SYSTEM, LiveSignals.NONE);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();

            Cli.Result result = run("live", "--metrics", address, "br0");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
            assertThat(result.errLines()).hasSize(1);
            assertThat(result.errLines()[0]).startsWith("drcheck: cannot serve metrics on " + address + ": ");
        }
    }

    @Test
    void listenAddressesAndDurationTexts() {
        LiveCommand.ListenAddressConverter converter = new LiveCommand.ListenAddressConverter();
        assertThat(converter.convert("0.0.0.0:9469")).isEqualTo(new LiveCommand.ListenAddress("0.0.0.0", 9469));
        assertThat(converter.convert("[::1]:80")).isEqualTo(new LiveCommand.ListenAddress("::1", 80));
        assertThat(LiveCommand.durationText(300_000_000_000L)).isEqualTo("5m");
        assertThat(LiveCommand.durationText(90_000_000_000L)).isEqualTo("90s");
        assertThat(LiveCommand.durationText(250_000_000L)).isEqualTo("250ms");
    }

    @Test
    void usageErrors() {
        setup = new LiveSetup(failing(new LiveCaptureException(Kind.FAILED, "must not open")),
                LiveClock.SYSTEM, LiveSignals.NONE);
        for (String[] args : new String[][] {{"live"}, {"live", "--duration", "soon", "br0"},
                {"live", "--count", "0", "br0"}, {"live", "--snaplen", "10", "br0"},
                {"live", "--buffer-size", "lots", "br0"}, {"live", "--buffer-size", "2GiB", "br0"},
                {"live", "--metrics", "9469", "br0"}, {"live", "--metrics", "localhost:70000", "br0"},
                {"live", "--clear-after", "0", "br0"}}) {
            Cli.Result result = run(args);
            assertThat(result.exitCode()).as(Arrays.toString(args)).isEqualTo(ExitCodes.USAGE);
            assertThat(result.errLines()[0]).startsWith("drcheck: ");
        }
    }

    @Test
    void durationsTakeUnitsOrPlainSeconds() {
        LiveCommand.DurationConverter converter = new LiveCommand.DurationConverter();
        assertThat(converter.convert("30s")).isEqualTo(30_000_000_000L);
        assertThat(converter.convert("5m")).isEqualTo(300_000_000_000L);
        assertThat(converter.convert("1h")).isEqualTo(3_600_000_000_000L);
        assertThat(converter.convert("250ms")).isEqualTo(250_000_000L);
        assertThat(converter.convert("12")).isEqualTo(12_000_000_000L);
        assertThat(converter.convert("1.5s")).isEqualTo(1_500_000_000L);
    }

    @Test
    void bufferSizesTakeBinaryUnitsOrPlainBytes() {
        LiveCommand.SizeConverter converter = new LiveCommand.SizeConverter();
        assertThat(converter.convert("32MiB")).isEqualTo(32 << 20);
        assertThat(converter.convert("512KiB")).isEqualTo(512 << 10);
        assertThat(converter.convert("1g")).isEqualTo(1 << 30);
        assertThat(converter.convert("65536")).isEqualTo(65_536);
        assertThatThrownBy(() -> converter.convert("1000")).hasMessageContaining("expected: 64KiB to 1GiB");
        assertThatThrownBy(() -> converter.convert("9999999999G")).hasMessageContaining("expected: 64KiB to 1GiB");
        assertThatThrownBy(() -> converter.convert("16 bananas")).hasMessageContaining("expected: a number of bytes");
    }

    private void assertError(LiveCaptureException failure, int exitCode, String line) {
        setup = new LiveSetup(failing(failure), LiveClock.SYSTEM, LiveSignals.NONE);

        Cli.Result result = run("live", "eth9");

        assertThat(result.exitCode()).as(line).isEqualTo(exitCode);
        assertThat(result.errLines()).containsExactly(line);
        assertThat(result.out()).isEmpty();
    }

    private static LiveCaptures failing(LiveCaptureException failure) {
        return new LiveCaptures() {
            @Override
            public LiveFrameSource open(String iface, int snaplen, int bufferBytes, String filter)
                    throws LiveCaptureException {
                throw failure;
            }

            @Override
            public List<LiveInterface> interfaces() throws LiveCaptureException {
                throw failure;
            }
        };
    }
}
