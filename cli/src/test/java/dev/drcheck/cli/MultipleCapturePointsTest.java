package dev.drcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Several capture points of one incident analysed as one, and standard input. */
class MultipleCapturePointsTest {
    private static final Path SAMPLES = Cli.repoRoot().resolve("sample-pcaps");

    @Test
    void aFrameSeenAtTwoPointsCountsOnceAndEvidenceNamesItsCapture() throws IOException {
        Cli.Result result = Cli.run("file", "--format", "json", sample("port-closed-rs2.pcap"),
                sample("port-closed-rs2.pcap"));

        JsonNode report = new ObjectMapper().readTree(result.out());
        JsonNode single = new ObjectMapper().readTree(
                Cli.run("file", "--format", "json", sample("port-closed-rs2.pcap")).out());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(report.path("stats").path("frames")).isEqualTo(single.path("stats").path("frames"));
        JsonNode finding = rstFromRs(report);
        assertThat(finding.path("id").asText()).isEqualTo("RstFromRs");
        assertThat(finding.path("count").asLong()).isEqualTo(6);
        assertThat(finding.path("evidence").get(0).path("capture").asText()).isEqualTo("port-closed-rs2.pcap");
    }

    @Test
    void theDirectorAndRealServerPortsOfOneIncidentTogetherShowWhatEachAloneCannot() throws IOException {
        Path points = SAMPLES.resolve("points");
        Cli.Result director =
                Cli.run("file", "--format", "json", points.resolve("healthy-at-director.pcap").toString());
        Cli.Result all = Cli.run("file", "--format", "json", points.resolve("healthy-at-director.pcap").toString(),
                points.resolve("healthy-at-rs1.pcap").toString(), points.resolve("healthy-at-rs2.pcap").toString());

        assertThat(new ObjectMapper().readTree(director.out()).path("notObserved").toString()).contains("reply path");
        JsonNode merged = new ObjectMapper().readTree(all.out());
        assertThat(all.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(merged.path("findings")).isEmpty();
        assertThat(merged.path("notObserved")).isEmpty();
        assertThat(merged.path("stats").path("frames").asLong())
                .as("a frame seen at the director's and a real server's port counts once")
                .isEqualTo(192);
    }

    @Test
    void standardInputIsReadFromDash() throws IOException {
        byte[] capture = Files.readAllBytes(SAMPLES.resolve("vip-missing-rs2.pcap"));
        Environment environment = new Environment(Map.of(), false,
                new CaptureFiles(new ByteArrayInputStream(capture)));

        Cli.Result result = Cli.run(environment, "file", "--format", "json", "-");

        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(report.path("capture").asText()).isEqualTo("stdin");
        assertThat(report.path("findings").get(0).path("id").asText()).isEqualTo("SynUnanswered");
    }

    @Test
    void anUnreadableSecondCaptureIsNamed() {
        Cli.Result result = Cli.run("file", sample("healthy.pcap"), "missing.pcap");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.err().strip()).isEqualTo("drcheck: cannot read missing.pcap: no such file");
    }

    private static JsonNode rstFromRs(JsonNode report) {
        for (JsonNode finding : report.path("findings")) {
            if (finding.path("id").asText().equals("RstFromRs")) {
                return finding;
            }
        }
        throw new AssertionError("no RstFromRs finding in " + report.path("findings"));
    }

    private static String sample(String name) {
        return SAMPLES.resolve(name).toString();
    }
}
