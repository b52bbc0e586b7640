package dev.drcheck.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Captures written by other projects ({@code ../shared/realworld/}, described in its SOURCES.md): ordinary LANs,
 * VRRP/HSRP, Microsoft NLB, ARP spoofing, IPv6, VLANs, cooked captures and broken files. None is an LVS-DR cluster,
 * so drcheck must read each without a crash or a stack trace and raise no error or warning finding; only a file
 * whose link type drcheck does not read may be refused, with its one {@code drcheck:} line and exit code 3.
 *
 * <p>The folder is outside the repository. Without it the test is skipped, except in CI (the {@code CI} environment
 * variable set), where it fails.
 */
class RealWorldCapturesTest {
    private static final Path DIR = Cli.repoRoot().getParent().resolve("shared/realworld");

    /**
     * The files drcheck refuses with exit code 3, each with the reason: its link type is not one drcheck reads.
     * Every other file in the folder must be analysed (exit code 0); a pcapng interface of such a link type is counted
     * as an anomaly, not refused. Every file in the folder is a capture.
     */
    private static final Map<String, String> REFUSED = Map.ofEntries(
            // Link types that carry no IP packet drcheck could read.
            Map.entry("pcpp-microsecs_big_endian.pcap", "253 NETLINK: netlink messages, no IP packets"),
            Map.entry("tcpdump-unsupported-link-type-160.pcap", "160 USER13: a private link type, contents unknown"));

    static Stream<String> captures() throws IOException {
        if (!Files.isDirectory(DIR)) {
            return REFUSED.keySet().stream().sorted();
        }
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("SOURCES.md")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void foreignCaptureRaisesNoAlarmAndIsRefusedOnlyForItsLinkType(String name) {
        requireFolder();
        String path = DIR.resolve(name).toString();

        Cli.Result result = Cli.run("file", "--color", "never", "--fail-on", "warning", path);

        assertThat(result.out() + result.err()).as(name).doesNotContain("Exception").doesNotContain("\tat ");
        if (REFUSED.containsKey(name)) {
            assertThat(result.exitCode()).as(name + ": " + REFUSED.get(name)).isEqualTo(ExitCodes.INPUT);
            assertThat(result.errLines()).as(name).hasSize(1);
            assertThat(result.err()).startsWith("drcheck: cannot read " + path + ": unsupported link type: ");
            assertThat(result.out()).isEmpty();
        } else {
            assertThat(result.exitCode()).as(name + ": " + result.err() + result.out()).isEqualTo(ExitCodes.OK);
            assertThat(result.err()).as(name).isEmpty();
            assertThat(result.out()).as(name).doesNotContain("[ERROR]").doesNotContain("[WARNING]");
        }
    }

    @Test
    void everyRefusedFileIsInTheFolder() throws IOException {
        requireFolder();
        assertThat(captures().toList()).containsAll(REFUSED.keySet());
    }

    @Test
    void theFolderHoldsTheDescribedCaptures() throws IOException {
        requireFolder();
        List<String> names = captures().toList();
        String sources = Files.readString(DIR.resolve("SOURCES.md"));
        assertThat(names).hasSizeGreaterThan(100);
        assertThat(names).allSatisfy(name -> assertThat(sources).contains("`" + name + "`"));
    }

    private static void requireFolder() {
        if (Files.isDirectory(DIR)) {
            return;
        }
        String reason = "foreign captures not found at " + DIR;
        if (System.getenv("CI") != null && !System.getenv("CI").isEmpty()) {
            fail(reason + " (CI must provide them)");
        }
        Assumptions.abort(reason);
    }
}
