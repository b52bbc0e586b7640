package dev.drcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drcheck.core.report.Report;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeSet;

/** Runs the command line in-process with captured output, as the tests need it. */
final class Cli {
    /** An analysis that must not run: usage errors are found before any file is read. */
    static final CaptureAnalysis NEVER = (file, overrides) -> {
        throw new AssertionError("analysis must not run for " + file);
    };

    private Cli() {
    }

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        /** Standard error split into lines. */
        String[] errLines() {
            return err.isEmpty() ? new String[0] : err.split("\\R");
        }
    }

    /** "id severity mac" per finding of a JSON report: counts vary with timing between runs, culprits must not. */
    static TreeSet<String> culprits(JsonNode report) {
        TreeSet<String> lines = new TreeSet<>();
        for (JsonNode finding : report.path("findings")) {
            lines.add(finding.path("id").asText() + " " + finding.path("severity").asText() + " "
                    + finding.path("culprit").path("mac").asText());
        }
        return lines;
    }

    /**
     * How a script starts drcheck in its own process: this JVM's java binary on this test's class path (the shaded
     * jar does not exist yet while tests run), as words the script splits.
     */
    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java") + " -cp " + System.getProperty("java.class.path")
                + " dev.drcheck.cli.Main";
    }

    /** Runs with the real capture pipeline, no terminal and an empty environment. */
    static Result run(String... args) {
        return run(new Environment(Map.of(), false, new CaptureFiles(InputStream.nullInputStream())), args);
    }

    /** Runs with an analysis that returns {@code report} whatever the file. */
    static Result run(Report report, String... args) {
        return run(new Environment(Map.of(), false, (file, overrides) -> report), args);
    }

    static Result run(Environment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), environment, args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** The repository root (holding sample-pcaps/), from the surefire property or the working directory. */
    static Path repoRoot() {
        String property = System.getProperty("drcheck.repoRoot");
        for (String start : new String[] {property, System.getProperty("user.dir")}) {
            if (start == null) {
                continue;
            }
            for (Path dir = Paths.get(start).toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("sample-pcaps")) && Files.exists(dir.resolve("pom.xml"))) {
                    return dir;
                }
            }
        }
        throw new IllegalStateException("repository root with sample-pcaps/ not found from " + property);
    }
}
