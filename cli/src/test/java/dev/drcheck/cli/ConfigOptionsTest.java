package dev.drcheck.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --ipvs} and {@code --keepalived}: the configuration reaches the report, and a bad file is exit 3. */
class ConfigOptionsTest {
    private static final Path SAMPLES = Cli.repoRoot().resolve("sample-pcaps");

    @Test
    void theConfigurationGivesTheTopologyAndShowsTheArpBinding() {
        Cli.Result result = Cli.run("file", "--color", "never", "--ipvs",
                SAMPLES.resolve("configs/healthy.ipvsadm").toString(), SAMPLES.resolve("healthy.pcap").toString());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("VIP          192.0.2.100 port 80: given by --ipvs ",
                "02:00:00:00:00:11 for 192.0.2.11 (ARP frame 5)");
    }

    @Test
    void aMalformedLineIsOneLineAndExitThree(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("ipvs.txt"),
                "TCP  192.0.2.100:80 rr\n  -> 192.0.2.11:80 Bridge 1 0 0\n");
        Cli.Result result = Cli.run("file", "--ipvs", config.toString(), SAMPLES.resolve("healthy.pcap").toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.err()).isEqualTo("drcheck: cannot read " + config + ": line 2: forwarding method: Bridge"
                + " (expected: Route, Masq, Tunnel or Local)" + System.lineSeparator());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aBadKeepalivedConfIsExitThree(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("keepalived.conf"), "virtual_server 192.0.2.100 80 {\n"
                + "    lb_kind BRIDGE\n}\n");
        Cli.Result result = Cli.run("file", "--keepalived", config.toString(),
                SAMPLES.resolve("healthy.pcap").toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.err()).startsWith("drcheck: cannot read " + config + ": line 2: lb_kind: BRIDGE (expected:");
    }

    @Test
    void aMissingOrBinaryConfigIsExitThree(@TempDir Path dir) throws IOException {
        Cli.Result missing = Cli.run("file", "--ipvs", dir.resolve("nope").toString(),
                SAMPLES.resolve("healthy.pcap").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(missing.err()).endsWith("nope: no such file" + System.lineSeparator());
        Cli.Result binary = Cli.run("file", "--ipvs", SAMPLES.resolve("healthy.pcap").toString(),
                SAMPLES.resolve("healthy.pcap").toString());
        assertThat(binary.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(binary.err()).contains("not a text file (expected: ipvsadm -Ln or ipvsadm-save -n output)");
        Cli.Result directory =
                Cli.run("file", "--keepalived", dir.toString(), SAMPLES.resolve("healthy.pcap").toString());
        assertThat(directory.err()).contains("is a directory");
    }

    @Test
    void bothConfigurationsAreAUsageError() {
        Cli.Result result = Cli.run("file", "--ipvs", SAMPLES.resolve("configs/healthy.ipvsadm").toString(),
                "--keepalived", SAMPLES.resolve("configs/healthy.keepalived.conf").toString(),
                SAMPLES.resolve("healthy.pcap").toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("drcheck: --ipvs and --keepalived: give one cluster configuration");
    }
}
