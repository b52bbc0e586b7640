package dev.drcheck.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed malformed set (cli/src/test/resources/malformed/, table in expected.tsv) through the command line:
 * every input gets its one clear line and exit code 3, or is analysed up to or around its damage, the report
 * naming it.
 */
class MalformedInputTest {
    private static final Path DIR = Cli.repoRoot().resolve("cli/src/test/resources/malformed");

    static Stream<Arguments> table() throws IOException {
        return Files.readAllLines(DIR.resolve("expected.tsv"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t", 4))
                .map(cells -> Arguments.of(cells[0], Integer.parseInt(cells[1]), cells[2], cells[3]));
    }

    @ParameterizedTest(name = "{0} -> exit {1}")
    @MethodSource("table")
    void malformedInputGivesItsExpectedLineAndExitCode(String file, int exitCode, String stream, String line) {
        String path = DIR.resolve(file).toString();

        Cli.Result result = Cli.run("file", "--color", "never", path);

        assertThat(result.exitCode()).as(result.err() + result.out()).isEqualTo(exitCode);
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
        if (stream.equals("stderr")) {
            assertThat(result.errLines()).containsExactly(line.replace("{file}", path));
            assertThat(result.out()).isEmpty();
        } else {
            assertThat(result.err()).isEmpty();
            assertThat(Arrays.stream(result.out().split("\\R")).map(String::strip)).contains(line);
        }
    }

    @Test
    void everyMalformedFileIsInTheTable() throws IOException {
        List<String> listed = table().map(a -> (String) a.get()[0]).toList();
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("expected.tsv") && !n.endsWith(".py")))
                    .containsExactlyInAnyOrderElementsOf(listed);
        }
    }

    @Test
    void jsonReportListsTheSkippedRanges() {
        Cli.Result result = Cli.run("file", "--format", "json", DIR.resolve("pcapng-damaged-middle.pcapng").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("\"skippedRanges\": [").contains("\"from\": 7240").contains("\"to\": 7640")
                .contains("\"framesLost\": null");
    }
}
