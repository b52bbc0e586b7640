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
 * Runs the repository's root-only scripts (the namespace lab, the live replay, the Prometheus end to end) for the
 * tests, bounded in time. A script exits 2 when it cannot run here (not root, a tool missing): the calling test is
 * then skipped with the reason outside CI, and fails in CI ({@code CI=true}), so it never skips silently there.
 */
final class TestScripts {
    private TestScripts() {
    }

    /**
     * Runs {@code bash script args...}, its output going to {@code log}; returns that output. Fails the test when the
     * script does not finish in time (it gets SIGTERM, so its trap cleans up) or exits with anything but 0.
     */
    static String run(Path script, List<String> args, Path log, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(args);
        Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String name = script.getFileName().toString();
        if (!run.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            run.destroy();
            run.waitFor(30, TimeUnit.SECONDS);
            fail(name + " did not finish within " + timeoutSeconds + " s; its output:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (run.exitValue() == 2) {
            String reason = name + " cannot run here: " + output.strip();
            if ("true".equals(System.getenv("CI"))) {
                fail(reason + " (CI must run as root with .ci/run's packages)");
            }
            Assumptions.abort(reason);
        }
        assertThat(run.exitValue()).as(name + " exit status; its output:\n" + output).isZero();
        return output;
    }
}
