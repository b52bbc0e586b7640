package dev.drcheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rebuilds part of the namespace lab, captures fresh traffic, and checks that drcheck names the same
 * misconfigurations and culprits on it as the committed baselines say. This is the evidence that the checks work
 * on real Linux traffic today, not only on the committed bytes.
 *
 * <p>Needs root and the lab's tools. Outside CI it is skipped with the reason; in CI ({@code CI=true}) a lab
 * that cannot be built fails the test instead, so it never skips silently there.
 */
class LabRecaptureTest {
    private static final List<String> SCENARIOS = List.of(
            "healthy", "arp-ignore-rs1-wins", "port-closed-rs2", "nat-mode", "reply-via-director", "director-routing",
            "pmtu-blackhole", "pmtu-relayed", "vrrp-healthy", "vrrp-failover", "vrrp-split-brain", "vrrp-vrid-clash",
            "vrrp-backup-vip");
    private static final long LAB_TIMEOUT_SECONDS = 360;

    @TempDir
    static Path captures;

    private static String labOutput = "";

    @BeforeAll
    static void buildLabAndCapture() throws IOException, InterruptedException {
        labOutput = LabScript.run(captures, LAB_TIMEOUT_SECONDS, SCENARIOS);
    }

    @Test
    void freshCapturesYieldTheCommittedCulprits() throws IOException {
        for (String scenario : SCENARIOS) {
            Path capture = captures.resolve(scenario + ".pcap");
            assertThat(capture).as("capture of " + scenario + "; lab output:\n" + labOutput).isRegularFile();

            Cli.Result result = Cli.run("file", "--format", "json", capture.toString());

            assertThat(result.err()).isEmpty();
            assertThat(Cli.culprits(new ObjectMapper().readTree(result.out())))
                    .as("findings on a fresh " + scenario + " capture")
                    .isEqualTo(committedCulprits(scenario));
        }
    }


    private static TreeSet<String> committedCulprits(String scenario) throws IOException {
        Path expected = Cli.repoRoot().resolve("sample-pcaps/expected/" + scenario + ".pcap.expected");
        TreeSet<String> lines = new TreeSet<>();
        for (String line : Files.readAllLines(expected)) {
            if (line.startsWith("finding ")) {
                String[] parts = line.split(" ");
                lines.add(parts[1] + " " + parts[2] + " " + parts[3]);
            }
        }
        return lines;
    }
}
