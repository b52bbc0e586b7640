package dev.drcheck.cli;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the namespace lab ({@code sample-pcaps/lab/drlab.sh}) for the lab tests, bounded in time. When the lab
 * cannot be built (drlab.sh exits 2: not root, a tool missing) the calling test is skipped with the reason
 * outside CI, and fails in CI ({@code CI=true}), so it never skips silently there.
 */
final class LabScript {
    private LabScript() {
    }

    /**
     * Runs drlab.sh with {@code --out out} and {@code args}; returns what it printed. Fails the test when it does
     * not finish in time or exits with anything but 0.
     */
    static String run(Path out, long timeoutSeconds, List<String> args) throws IOException, InterruptedException {
        Path script = Cli.repoRoot().resolve("sample-pcaps/lab/drlab.sh");
        List<String> command = new ArrayList<>(List.of("bash", script.toString(), "--out", out.toString()));
        command.addAll(args);
        Path log = out.resolve("drlab.log");
        Process lab = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!lab.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            lab.destroy(); // SIGTERM: drlab.sh's trap deletes its namespaces and stops what it started
            lab.waitFor(30, TimeUnit.SECONDS);
            fail("lab did not finish within " + timeoutSeconds + " s; its output:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (lab.exitValue() == 2) {
            String reason = "namespace lab unavailable: " + output.strip();
            if ("true".equals(System.getenv("CI"))) {
                fail(reason + " (CI must run as root with .ci/run's packages)");
            }
            Assumptions.abort(reason);
        }
        assertThat(lab.exitValue()).as("drlab.sh exit status; its output:\n" + output).isZero();
        return output;
    }
}
