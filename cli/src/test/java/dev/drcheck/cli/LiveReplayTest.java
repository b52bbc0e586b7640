package dev.drcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end on real libpcap: {@code bench/live-load.sh} replays a lab capture with tcpreplay at a fixed rate onto
 * one end of a veth pair in a private namespace, while tcpdump and {@code drcheck live} capture on the other end.
 * drcheck must analyse every frame (as many as tcpdump got, and as the file holds), report no kernel drop, and name
 * the same culprits as {@code drcheck file} on the same capture.
 *
 * <p>Needs root, tcpreplay and tcpdump: skipped with the reason outside CI, failing in CI ({@link TestScripts}).
 */
class LiveReplayTest {
    private static final long TIMEOUT_SECONDS = 180;
    private static final String RATE = "20000";
    private static final Pattern TCPDUMP_CAPTURED = Pattern.compile("(?m)^(\\d+) packets? captured");

    @TempDir
    Path out;

    @ParameterizedTest
    @ValueSource(strings = {"healthy.pcap", "arp-ignore-rs1.pcap", "pmtu-relayed.pcap"})
    void liveAnalysesEveryReplayedFrameAndNamesWhatFileNames(String capture) throws Exception {
        Path file = Cli.repoRoot().resolve("sample-pcaps").resolve(capture);
        replay(file);

        JsonNode live = new ObjectMapper().readTree(out.resolve("drcheck-" + RATE + "-all.json").toFile());
        JsonNode fromFile = new ObjectMapper().readTree(Cli.run("file", "--format", "json", file.toString()).out());
        String tcpdump = Files.readString(out.resolve("tcpdump-" + RATE + "-all.err"), StandardCharsets.UTF_8);
        Matcher captured = TCPDUMP_CAPTURED.matcher(tcpdump);

        long frames = fromFile.path("stats").path("frames").asLong();
        assertThat(captured.find()).as("tcpdump's report: " + tcpdump).isTrue();
        assertThat(Long.parseLong(captured.group(1))).as("tcpdump captured").isEqualTo(frames);
        assertThat(live.path("stats").path("frames").asLong()).as("drcheck live analysed").isEqualTo(frames);
        assertThat(live.path("stats").path("loss").path("droppedByKernel").asLong()).isZero();
        assertThat(live.path("verdict").asText()).isEqualTo(fromFile.path("verdict").asText());
        assertThat(Cli.culprits(live)).isEqualTo(Cli.culprits(fromFile));
    }

    private void replay(Path file) throws IOException, InterruptedException {
        String drcheck = Cli.javaCommand();
        TestScripts.run(Cli.repoRoot().resolve("bench/live-load.sh"), List.of("--file", file.toString(), "--rates",
                RATE, "--out", out.toString(), "--java-cmd", drcheck), out.resolve("live-load.log"), TIMEOUT_SECONDS);
    }

}
