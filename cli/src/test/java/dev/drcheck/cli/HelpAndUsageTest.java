package dev.drcheck.cli;

import dev.drcheck.core.finding.Host;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import dev.drcheck.core.topology.TopologyOverrides;
import dev.drcheck.core.topology.TopologyOverrides.VipSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HelpAndUsageTest {

    private static void assertUsageError(Cli.Result result, String firstLineStart, String tryLine) {
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).hasSize(2);
        assertThat(result.errLines()[0]).startsWith(firstLineStart);
        assertThat(result.errLines()[1]).isEqualTo(tryLine);
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("at dev.").doesNotContain("Usage:");
    }

    private static Cli.Result runWithoutAnalysis(String... args) {
        return Cli.run(new Environment(Map.of(), false, Cli.NEVER), args);
    }

    @Test
    void topHelpListsSubcommandsAndExitCodes() {
        Cli.Result result = Cli.run("--help");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("Usage: drcheck").contains("file").contains("checks")
                .contains("Exit codes:");
        assertThat(result.out()).containsPattern("(?m)^\\s+0\\s+no finding at or above --fail-on")
                .containsPattern("(?m)^\\s+1\\s+findings at or above --fail-on")
                .containsPattern("(?m)^\\s+2\\s+usage error")
                .containsPattern("(?m)^\\s+3\\s+input cannot be read")
                .containsPattern("(?m)^\\s+4\\s+internal error");
    }

    @Test
    void fileHelpListsOptionsAndExitCodes() {
        Cli.Result result = Cli.run("file", "--help");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("Usage: drcheck file").contains("CAPTURE").contains("--vip=IP[:PORT]")
                .contains("--director-mac=MAC").contains("--rs=MAC[=RIP]").contains("--format")
                .contains("--fail-on").contains("--color").contains("Exit codes:");
        for (int code = 0; code <= 3; code++) {
            assertThat(result.out()).containsPattern("(?m)^\\s+" + code + "\\s+\\S");
        }
    }

    @Test
    void versionIsPrinted() throws IOException {
        Cli.Result result = Cli.run("--version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsExactly("drcheck " + projectVersion(), "commit " + headCommit(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") at "
                        + System.getProperty("java.home"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "${git.commit}"})
    void commitIsUnknownWhenTheBuildFoundNone(String written) {
        assertThat(VersionProvider.commit(written)).isEqualTo("unknown");
        assertThat(VersionProvider.commit(null)).isEqualTo("unknown");
        assertThat(VersionProvider.commit("2b74a60e11b0\n")).isEqualTo("2b74a60e11b0");
    }

    /** What the build wrote: HEAD of the checkout the tests run in, or "unknown" outside a git checkout. */
    private static String headCommit() throws IOException {
        Process git;
        try {
            git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD")
                    .directory(Cli.repoRoot().toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException noGit) {
            return "unknown";
        }
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        try {
            return git.waitFor() == 0 && !out.isEmpty() ? out : "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for git", e);
        }
    }

    /** The version in the root pom.xml, the one the build writes into the jar. */
    private static String projectVersion() throws IOException {
        String pom = Files.readString(Cli.repoRoot().resolve("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>drcheck-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(m.find()).as("version in pom.xml").isTrue();
        return m.group(1);
    }

    @Test
    void noSubcommandIsAUsageError() {
        assertUsageError(Cli.run(), "drcheck: missing command", "Try 'drcheck --help'.");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        assertUsageError(Cli.run("frobnicate"), "drcheck: Unmatched argument", "Try 'drcheck --help'.");
    }

    @Test
    void badVipIsAUsageErrorWithTheParserMessage() {
        Cli.Result result = runWithoutAnalysis("file", "--vip", "300.1.1.1", "x.pcap");
        assertUsageError(result,
                "drcheck: Invalid value for option '--vip' (IP[:PORT]): IPv4 address: 300.1.1.1 (expected:",
                "Try 'drcheck file --help'.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.100:0", "192.0.2.100:65536", "192.0.2.100:http", "192.0.2.100:"})
    void badVipPortIsAUsageError(String vip) {
        assertUsageError(runWithoutAnalysis("file", "--vip", vip, "x.pcap"),
                "drcheck: Invalid value for option '--vip' (IP[:PORT]): port:", "Try 'drcheck file --help'.");
    }

    @Test
    void badDirectorMacIsAUsageError() {
        assertUsageError(runWithoutAnalysis("file", "--director-mac", "02:00:00:00:00", "x.pcap"),
                "drcheck: Invalid value for option '--director-mac' (MAC): MAC address: 02:00:00:00:00 (expected:",
                "Try 'drcheck file --help'.");
    }

    @Test
    void badRealServerMacOrRipIsAUsageError() {
        assertUsageError(runWithoutAnalysis("file", "--rs", "zz:00:00:00:00:11", "x.pcap"),
                "drcheck: Invalid value for option '--rs' (MAC[=RIP]): MAC address: zz:00:00:00:00:11",
                "Try 'drcheck file --help'.");
        assertUsageError(runWithoutAnalysis("file", "--rs", "02:00:00:00:00:11=10.0.0", "x.pcap"),
                "drcheck: Invalid value for option '--rs' (MAC[=RIP]): IPv4 address: 10.0.0",
                "Try 'drcheck file --help'.");
    }

    @Test
    void badFormatFailOnAndColorAreUsageErrors() {
        assertUsageError(runWithoutAnalysis("file", "--format", "xml", "x.pcap"),
                "drcheck: Invalid value for option '--format'", "Try 'drcheck file --help'.");
        assertUsageError(runWithoutAnalysis("file", "--fail-on", "fatal", "x.pcap"),
                "drcheck: Invalid value for option '--fail-on': severity: fatal (expected: info, warning or error)",
                "Try 'drcheck file --help'.");
        assertUsageError(runWithoutAnalysis("file", "--color", "sometimes", "x.pcap"),
                "drcheck: Invalid value for option '--color'", "Try 'drcheck file --help'.");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertUsageError(runWithoutAnalysis("file", "--bogus", "x.pcap"), "drcheck: Unknown option: '--bogus'",
                "Try 'drcheck file --help'.");
    }

    @Test
    void missingFileArgumentIsAUsageError() {
        assertUsageError(runWithoutAnalysis("file"), "drcheck: Missing required parameter: 'CAPTURE'",
                "Try 'drcheck file --help'.");
    }

    @Test
    void usageErrorMessageCannotCarryTerminalEscapes() {
        Cli.Result result = runWithoutAnalysis("file", "--vip", "\u001b[2J", "x.pcap");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).doesNotContain("\u001b").contains("?[2J");
    }

    @Test
    void flagsBecomeTopologyOverrides() {
        AtomicReference<TopologyOverrides> seen = new AtomicReference<>();
        Environment environment = new Environment(Map.of(), false, (file, overrides) -> {
            seen.set(overrides);
            return Reports.healthy();
        });
        Cli.Result result = Cli.run(environment, "file", "--vip", "192.0.2.100:80", "--vip", "192.0.2.101",
                "--director-mac", "02-00-00-00-00-01", "--rs", "02:00:00:00:00:11=192.0.2.11",
                "--rs", "02:00:00:00:00:12", Cli.repoRoot().resolve("pom.xml").toString());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(seen.get()).isEqualTo(new TopologyOverrides(
                List.of(new VipSpec(Ipv4.parse("192.0.2.100"), 80), new VipSpec(Ipv4.parse("192.0.2.101"), -1)),
                List.of(Mac.parse("02:00:00:00:00:01")),
                List.of(Host.of(Mac.parse("02:00:00:00:00:11"), Ipv4.parse("192.0.2.11")),
                        Host.macOnly(Mac.parse("02:00:00:00:00:12")))));
    }

    @Test
    void noFlagsMeansInferEverything() {
        AtomicReference<TopologyOverrides> seen = new AtomicReference<>();
        Environment environment = new Environment(Map.of(), false, (file, overrides) -> {
            seen.set(overrides);
            return Reports.healthy();
        });
        Cli.run(environment, "file", Cli.repoRoot().resolve("pom.xml").toString());
        assertThat(seen.get()).isEqualTo(TopologyOverrides.none());
    }
}
