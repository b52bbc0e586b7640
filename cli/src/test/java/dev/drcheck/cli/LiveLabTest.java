package dev.drcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: builds the namespace lab and runs {@code drcheck live br0} inside the lab's LAN namespace, as a
 * user would, while real curl traffic passes (drlab.sh {@code --run-in-lan}). The shaded jar does not exist yet
 * when tests run ({@code package} comes after {@code test}), so the CLI runs from this test's own class path
 * with this JVM's java binary. Healthy gives exit 0 and no error; rs1 answering ARP for the VIP is named; the
 * router's ICMP errors that the director relays (pmtu-relayed) are reported as a warning; and live names the same
 * culprits as {@code drcheck file} on the lab's tcpdump capture of the same traffic.
 *
 * <p>Needs root, libpcap and the lab's tools: skipped with the reason outside CI, failing in CI
 * ({@link LabScript}).
 */
class LiveLabTest {
    private static final long LAB_TIMEOUT_SECONDS = 240;
    private static final String RS1 = "02:00:00:00:00:11";
    private static final String ROUTER = "02:00:00:00:00:01";

    @TempDir
    static Path out;

    private static String labOutput = "";

    @BeforeAll
    static void runLiveInTheLab() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "exec " + quote(java) + " -cp " + quote(System.getProperty("java.class.path"))
                + " dev.drcheck.cli.Main live br0 --duration 12s --format json";
        labOutput = LabScript.run(out, LAB_TIMEOUT_SECONDS,
                List.of("--run-in-lan", command, "healthy", "arp-ignore-rs1", "pmtu-relayed"));
    }

    @Test
    void healthyLabGivesExit0AndNoError() throws IOException {
        JsonNode report = liveReport("healthy");

        assertThat(labOutput).contains("(run-in-lan exit 0)");
        assertThat(ids(report, "error")).isEmpty();
        assertThat(report.path("stats").path("frames").asLong()).isPositive();
        assertThat(report.path("topology").toString()).contains("192.0.2.100");
    }

    @Test
    void anRsAnsweringArpForTheVipIsNamed() throws IOException {
        JsonNode report = liveReport("arp-ignore-rs1");

        assertThat(labOutput).containsPattern("arp-ignore-rs1 .*\\(run-in-lan exit 1\\)");
        assertThat(Cli.culprits(report)).contains("RsAnswersArpForVip error " + RS1);
        String streamed = Files.readString(out.resolve("arp-ignore-rs1.live.err"), StandardCharsets.UTF_8);
        assertThat(streamed.lines().filter(l -> l.startsWith("[ERROR] RsAnswersArpForVip: real server " + RS1)))
                .hasSize(1);
    }

    @Test
    void icmpErrorsThatTheDirectorRelaysAreReportedWithTheRouterAsSender() throws IOException {
        JsonNode report = liveReport("pmtu-relayed");

        assertThat(labOutput).containsPattern("pmtu-relayed .*\\(run-in-lan exit 0\\)");
        assertThat(Cli.culprits(report)).containsExactly("IcmpErrorOnVipFlow warning " + ROUTER);
    }

    @Test
    void liveNamesTheSameCulpritsAsFileOnTheSameTraffic() throws IOException {
        for (String scenario : List.of("healthy", "arp-ignore-rs1", "pmtu-relayed")) {
            Cli.Result file = Cli.run("file", "--format", "json", out.resolve(scenario + ".pcap").toString());

            assertThat(Cli.culprits(liveReport(scenario))).as(scenario)
                    .isEqualTo(Cli.culprits(new ObjectMapper().readTree(file.out())));
        }
    }

    private static JsonNode liveReport(String scenario) throws IOException {
        Path json = out.resolve(scenario + ".live.json");
        Path err = out.resolve(scenario + ".live.err");
        assertThat(json).as("lab output:\n" + labOutput).isRegularFile();
        String stderr = Files.isRegularFile(err) ? Files.readString(err, StandardCharsets.UTF_8) : "(none)";
        String text = Files.readString(json, StandardCharsets.UTF_8);
        assertThat(text).as("drcheck live's stdout; its stderr:\n" + stderr + "\nlab output:\n" + labOutput)
                .isNotBlank();
        return new ObjectMapper().readTree(text);
    }

    private static TreeSet<String> ids(JsonNode report, String severity) {
        TreeSet<String> ids = new TreeSet<>();
        for (JsonNode finding : report.path("findings")) {
            if (severity.equals(finding.path("severity").asText())) {
                ids.add(finding.path("id").asText());
            }
        }
        return ids;
    }


    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
