package dev.drcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end with a real Prometheus (Debian package {@code prometheus}) scraping {@code drcheck live --metrics} in
 * a private namespace ({@code bench/prometheus-scrape.sh}): the lab's arp_ignore capture raises
 * {@code drcheck_finding_active{check="RsAnswersArpForVip"}} with rs1 as culprit, seen through Prometheus's query
 * API, and healthy traffic afterwards clears it while drcheck keeps running; the evidence pcap it saved
 * ({@code --evidence-dir}) gives the same finding to {@code drcheck file}.
 *
 * <p>Needs root, prometheus and tcpreplay: skipped with the reason outside CI, failing in CI ({@link TestScripts}).
 */
class PrometheusScrapeTest {
    private static final long TIMEOUT_SECONDS = 240;
    private static final String RS1 = "02:00:00:00:00:11";

    @TempDir
    Path out;

    @Test
    void prometheusSeesTheFindingRaisedAndThenCleared() throws IOException, InterruptedException {
        String output = runScript();

        JsonNode raised = new ObjectMapper().readTree(out.resolve("raised.json").toFile());
        JsonNode series = raised.path("data").path("result").get(0).path("metric");
        assertThat(series.path("check").asText()).isEqualTo("RsAnswersArpForVip");
        assertThat(series.path("severity").asText()).isEqualTo("error");
        assertThat(series.path("culprit").asText()).isEqualTo(RS1);
        JsonNode cleared = new ObjectMapper().readTree(out.resolve("cleared.json").toFile());
        assertThat(cleared.path("data").path("result")).as(output).isEmpty();
        String lines = Files.readString(out.resolve("drcheck.out"), StandardCharsets.UTF_8);
        assertThat(lines).contains("[ERROR] RsAnswersArpForVip: real server " + RS1,
                "[CLEARED] RsAnswersArpForVip: " + RS1);
        assertThat(Files.readString(out.resolve("drcheck.exit")).strip()).as("drcheck live's exit code")
                .isEqualTo(String.valueOf(ExitCodes.FINDINGS));
        List<Path> evidence;
        try (Stream<Path> files = Files.list(out.resolve("evidence"))) {
            evidence = files.toList();
        }
        assertThat(evidence).hasSize(1);
        Cli.Result file = Cli.run("file", "--format", "json", evidence.get(0).toString());
        assertThat(Cli.culprits(new ObjectMapper().readTree(file.out()))).contains("RsAnswersArpForVip error " + RS1);
    }

    private String runScript() throws IOException, InterruptedException {
        String drcheck = Cli.javaCommand();
        Path samples = Cli.repoRoot().resolve("sample-pcaps");
        return TestScripts.run(Cli.repoRoot().resolve("bench/prometheus-scrape.sh"), List.of("--out",
                out.toString(), "--java-cmd", drcheck, "--fault", samples.resolve("arp-ignore-rs1.pcap").toString(),
                "--healthy", samples.resolve("healthy.pcap").toString(), "--check", "RsAnswersArpForVip"),
                out.resolve("script.log"), TIMEOUT_SECONDS);
    }
}
