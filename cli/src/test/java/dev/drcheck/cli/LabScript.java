package dev.drcheck.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the namespace lab ({@code sample-pcaps/lab/drlab.sh}) for the lab tests through {@link TestScripts}: bounded
 * in time, skipped outside CI and failing in CI when the lab cannot be built.
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
        List<String> all = new ArrayList<>(List.of("--out", out.toString()));
        all.addAll(args);
        return TestScripts.run(script, all, out.resolve("drlab.log"), timeoutSeconds);
    }
}
