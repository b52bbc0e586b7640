package dev.drcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regression over the lab captures: runs {@code drcheck file --format json} on every capture under
 * sample-pcaps/ (pcap, pcapng, gzip, Linux cooked, tcpdump text) and compares the topology and findings (id,
 * severity, culprit, count) and the exit code with {@code sample-pcaps/expected/<capture path>.expected}.
 *
 * <p>To regenerate the baselines after a deliberate change, run
 * {@code DRCHECK_UPDATE_GOLDEN=1 mvn -B verify} and review the diff; when the {@code CI} environment variable
 * is set, DRCHECK_UPDATE_GOLDEN fails every case instead, so that CI always compares. A {@code # args:} line
 * in an expected file gives extra command-line arguments for that case and is kept when regenerating ({@code {samples}}
 * stands for the sample-pcaps directory). Besides the default case per capture, a baseline named
 * {@code <capture>@<case>.expected} adds a case: the same capture with other arguments, such as a cluster
 * configuration.
 */
class GoldenRegressionTest {
    private static final boolean UPDATE = "1".equals(System.getenv("DRCHECK_UPDATE_GOLDEN"));
    private static final String HEADER = "# drcheck golden baseline; regenerate: DRCHECK_UPDATE_GOLDEN=1 mvn -B verify";
    private static final String ARGS = "# args:";
    /** Stands for the sample-pcaps directory in a {@code # args:} line, e.g. {@code --ipvs {samples}/configs/x}. */
    private static final String SAMPLES_PLACEHOLDER = "{samples}";

    /**
     * Every case: each capture under sample-pcaps/ (a path relative to it, except the lab script and the
     * baselines) with its default baseline, plus each extra baseline {@code <capture>@<case>.expected}.
     */
    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> files = Files.walk(samples())) {
            for (String capture : files.filter(Files::isRegularFile).map(p -> samples().relativize(p).toString())
                    .filter(GoldenRegressionTest::isCapture).sorted().toList()) {
                cases.add(Arguments.of(capture, ""));
            }
        }
        try (Stream<Path> files = Files.walk(samples().resolve("expected"))) {
            for (String baseline : files.filter(Files::isRegularFile)
                    .map(p -> samples().resolve("expected").relativize(p).toString())
                    .filter(name -> name.contains("@")).sorted().toList()) {
                String capture = baseline.substring(0, baseline.indexOf('@'));
                String label = baseline.substring(baseline.indexOf('@') + 1, baseline.length() - ".expected".length());
                cases.add(Arguments.of(capture, label));
            }
        }
        return cases.stream();
    }

    private static boolean isCapture(String relative) {
        return !relative.startsWith("lab/") && !relative.startsWith("expected/") && !relative.startsWith("configs/")
                && !relative.endsWith(".md");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void findingsMatchTheBaseline(String capture, String label) throws IOException {
        Path expectedFile = samples().resolve("expected")
                .resolve(capture + (label.isEmpty() ? "" : "@" + label) + ".expected");
        List<String> extraArgs = Files.exists(expectedFile) ? argsOf(expectedFile) : List.of();
        List<String> args = new ArrayList<>(List.of("file", "--format", "json"));
        for (String arg : extraArgs) {
            args.add(arg.replace(SAMPLES_PLACEHOLDER, samples().toString()));
        }
        args.add(samples().resolve(capture).toString());

        Cli.Result result = Cli.run(args.toArray(String[]::new));

        assertThat(result.err()).as("stderr").isEmpty();
        List<String> actual = summarize(new ObjectMapper().readTree(result.out()), result.exitCode());
        if (UPDATE) {
            assertThat(System.getenv("CI")).as("DRCHECK_UPDATE_GOLDEN rewrites the baselines instead of comparing;"
                    + " it is refused in CI (CI is set)").isNull();
            List<String> lines = new ArrayList<>(List.of(HEADER, (ARGS + " " + String.join(" ", extraArgs)).trim()));
            lines.addAll(actual);
            Files.createDirectories(expectedFile.getParent());
            Files.write(expectedFile, lines);
            return;
        }
        assertThat(expectedFile).as("baseline for " + capture + " (create with DRCHECK_UPDATE_GOLDEN=1)")
                .isRegularFile();
        List<String> expected = Files.readAllLines(expectedFile).stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(actual).as("topology, findings and exit code of " + capture + " " + label).isEqualTo(expected);
    }

    /**
     * Topology, findings, verdict and exit code as stable lines; messages and evidence frames are left to check
     * tests.
     */
    private static List<String> summarize(JsonNode report, int exitCode) {
        List<String> lines = new ArrayList<>();
        for (JsonNode vip : report.path("topology").path("vips")) {
            lines.add("vip " + vip.path("ip").asText() + " ports " + vip.path("ports"));
        }
        for (JsonNode director : report.path("topology").path("directors")) {
            lines.add("director " + director.path("mac").asText());
        }
        for (JsonNode rs : report.path("topology").path("realServers")) {
            lines.add("rs " + rs.path("mac").asText() + " " + orDash(rs.path("ip")));
        }
        for (JsonNode finding : report.path("findings")) {
            JsonNode culprit = finding.path("culprit");
            lines.add("finding " + finding.path("id").asText() + " " + finding.path("severity").asText() + " "
                    + culprit.path("mac").asText() + " " + orDash(culprit.path("ip"))
                    + " count=" + finding.path("count").asLong());
        }
        lines.add("verdict " + report.path("verdict").asText());
        lines.add("exit " + exitCode);
        return lines;
    }

    private static String orDash(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? "-" : node.asText();
    }

    private static List<String> argsOf(Path expectedFile) throws IOException {
        return Files.readAllLines(expectedFile).stream()
                .filter(l -> l.startsWith(ARGS))
                .map(l -> l.substring(ARGS.length()).trim())
                .filter(l -> !l.isEmpty())
                .flatMap(l -> Arrays.stream(l.split("\\s+")))
                .toList();
    }

    private static Path samples() {
        return Cli.repoRoot().resolve("sample-pcaps");
    }
}
