package dev.drcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drcheck.core.report.Report;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FileCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ESC = "\u001b";

    /** Any existing regular file: the injected analysis ignores its content. */
    private static String anyFile() {
        return Cli.repoRoot().resolve("pom.xml").toString();
    }

    private static Cli.Result run(Report report, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "file";
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 1] = anyFile();
        return Cli.run(report, all);
    }

    @Test
    void aCaptureWhoseStatisticsReportDropsIsIncompleteWithEveryFlowLeftOut() throws IOException {
        Path capture = Cli.repoRoot().resolve("sample-pcaps/loss/dumpcap-drops.pcapng.gz");

        Cli.Result result = Cli.run("file", "--format", "json", capture.toString());

        JsonNode report = new ObjectMapper().readTree(result.out());
        JsonNode loss = report.path("stats").path("loss");
        assertThat(result.exitCode()).isZero();
        assertThat(report.path("verdict").asText()).isEqualTo("incomplete");
        assertThat(report.path("findings")).isEmpty();
        assertThat(loss.path("droppedByInterface").asLong()).isEqualTo(20_176);
        assertThat(loss.path("flowsLeftOutForLoss").asLong()).isEqualTo(report.path("stats").path("tcpFlows").asLong())
                .isPositive();
        for (JsonNode rs : report.path("realServers")) {
            assertThat(rs.path("flows").asLong()).as("flows judged on " + rs.path("mac")).isZero();
        }
    }

    @Test
    void errorsFailByDefault() {
        Cli.Result result = run(Reports.broken());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("[ERROR] RsAnswersArpForVip").endsWith("Verdict: DR broken: 2 errors,"
                + " 1 warning\n");
    }

    @Test
    void warningsPassByDefaultAndFailWithFailOnWarning() {
        Report warnings = Reports.withFindings(Reports.portWarning());
        assertThat(run(warnings).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run(warnings, "--fail-on", "warning").exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(run(warnings, "--fail-on", "WARNING").exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(run(warnings, "--fail-on=error").exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void infoFailsOnlyWithFailOnInfo() {
        Report info = Reports.withFindings(Reports.info());
        assertThat(run(info, "--fail-on", "warning").exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run(info, "--fail-on", "info").exitCode()).isEqualTo(ExitCodes.FINDINGS);
    }

    @Test
    void healthyAndUnknownTopologyExitZero() {
        assertThat(run(Reports.healthy(), "--fail-on", "info").exitCode()).isEqualTo(ExitCodes.OK);
        Cli.Result unknown = run(Reports.noTopology());
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(unknown.out()).contains("Verdict: no DR topology found; give --vip");
    }

    @Test
    void jsonFormatParses() throws IOException {
        Cli.Result result = run(Reports.broken(), "--format", "json", "--color", "always");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        JsonNode root = MAPPER.readTree(result.out());
        assertThat(root.get("capture").asText()).isEqualTo("arp-ignore-rs1.pcap");
        assertThat(root.get("verdict").asText()).isEqualTo("error");
        assertThat(root.get("findings")).hasSize(3);
        assertThat(root.get("findings").get(0).get("evidence").get(0).get("frame").asLong()).isEqualTo(12);
        assertThat(result.out()).doesNotContain(ESC);
    }

    @Test
    void jsonLinesFormatIsTheReportOnOneLine() throws IOException {
        Cli.Result json = run(Reports.broken(), "--format", "json");
        Cli.Result lines = run(Reports.broken(), "--format", "jsonl");

        assertThat(lines.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(lines.out().lines()).hasSize(1);
        JsonNode line = MAPPER.readTree(lines.out());
        assertThat(line.get("event").asText()).isEqualTo("report");
        ((ObjectNode) line).remove("event");
        assertThat(line).isEqualTo(MAPPER.readTree(json.out()));
    }

    @Test
    void jsonOfHostileCaptureHasNoRawControlCharacters() throws IOException {
        Cli.Result result = run(Reports.hostile(), "--format=json");
        assertThat(result.out()).doesNotContain(ESC).doesNotContain("\u009b").doesNotContain("\u0007");
        assertThat(MAPPER.readTree(result.out()).get("capture").asText()).contains(ESC);
    }

    @Test
    void colorNeverIsPlainAndAlwaysIsColoured() {
        assertThat(run(Reports.broken(), "--color", "never").out()).doesNotContain(ESC);
        assertThat(run(Reports.broken(), "--color", "always").out()).contains(ESC + "[31m[ERROR]");
    }

    @Test
    void colorAutoFollowsTerminalAndNoColor() {
        String[] args = {"file", "--color", "auto", anyFile()};
        Report report = Reports.broken();
        Environment terminal = new Environment(Map.of(), true, (f, o) -> report);
        Environment pipe = new Environment(Map.of(), false, (f, o) -> report);
        Environment terminalNoColor = new Environment(Map.of("NO_COLOR", "1"), true, (f, o) -> report);
        Environment terminalEmptyNoColor = new Environment(Map.of("NO_COLOR", ""), true, (f, o) -> report);
        assertThat(Cli.run(terminal, args).out()).contains(ESC);
        assertThat(Cli.run(pipe, args).out()).doesNotContain(ESC);
        assertThat(Cli.run(terminalNoColor, args).out()).doesNotContain(ESC);
        assertThat(Cli.run(terminalEmptyNoColor, args).out()).contains(ESC);
        assertThat(Cli.run(terminal, "file", anyFile()).out()).as("auto is the default").contains(ESC);
        assertThat(Cli.run(terminalNoColor, "file", "--color", "always", anyFile()).out()).contains(ESC);
    }

    // ---- the real pipeline on the bundled samples ----

    private static Cli.Result runSample(String sample, String... options) {
        Path file = Cli.repoRoot().resolve("sample-pcaps").resolve(sample);
        assertThat(file).isRegularFile();
        String[] all = new String[options.length + 2];
        all[0] = "file";
        System.arraycopy(options, 0, all, 1, options.length);
        all[all.length - 1] = file.toString();
        return Cli.run(all);
    }

    @Test
    void sampleCaptureAsJsonParses() throws IOException {
        Cli.Result result = runSample("arp-ignore-rs1.pcap", "--format", "json");
        assertThat(result.exitCode()).as(result.err()).isIn(ExitCodes.OK, ExitCodes.FINDINGS);
        assertThat(result.err()).isEmpty();
        JsonNode root = MAPPER.readTree(result.out());
        assertThat(root.get("capture").asText()).isEqualTo("arp-ignore-rs1.pcap");
        assertThat(root.get("stats").get("frames").asLong()).isPositive();
        assertThat(root.get("verdict").asText()).isIn("ok", "info", "warning", "error");
    }

    @Test
    void sampleCaptureAsText() throws IOException {
        Cli.Result result = runSample("arp-ignore-rs1.pcap", "--color", "never");
        assertThat(result.exitCode()).as(result.err()).isIn(ExitCodes.OK, ExitCodes.FINDINGS);
        assertThat(result.out()).startsWith("drcheck arp-ignore-rs1.pcap: ").contains("\nTopology\n")
                .contains("\nFindings\n").contains("\nVerdict: ").doesNotContain(ESC);
        assertThat(Files.size(Cli.repoRoot().resolve("sample-pcaps/arp-ignore-rs1.pcap"))).isPositive();
    }
}
