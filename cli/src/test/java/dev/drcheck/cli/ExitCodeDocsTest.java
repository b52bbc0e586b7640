package dev.drcheck.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The messages docs/cli.md shows in its exit-code table are what drcheck prints: each quoted message of rows 2, 3
 * and 4 is matched against the standard error of a run that ends with that code ({@code <...>} stands for any
 * text, the file name of a "cannot read" message for the file the run was given).
 */
class ExitCodeDocsTest {
    private static final Pattern QUOTED = Pattern.compile("`((?:drcheck: |Try )[^`]+)`");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^>]+>");
    private static final Pattern CANNOT_READ = Pattern.compile("^drcheck: cannot read ([^:]+): ");
    private static final Pattern STARTS_WITH = Pattern.compile("starts with 0x((?:[0-9a-f]{2} ?){4})");

    @TempDir
    Path dir;

    @Test
    void usageErrorMessages() throws IOException {
        Cli.Result result = Cli.run(new Environment(Map.of(), false, Cli.NEVER), "file", "--no-such-option", "x.pcap");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertDocumented(2, result.errLines(), null);
    }

    @Test
    void inputErrorMessages() throws IOException {
        List<String> messages = documented(3);
        assertThat(messages).isNotEmpty();
        for (String message : messages) {
            Matcher name = CANNOT_READ.matcher(message);
            assertThat(name.find()).as(message).isTrue();
            Path file = dir.resolve(name.group(1));
            Matcher magic = STARTS_WITH.matcher(message);
            if (magic.find()) {
                byte[] bytes = new byte[64];
                String[] hex = magic.group(1).strip().split(" ");
                for (int i = 0; i < hex.length; i++) {
                    bytes[i] = (byte) Integer.parseInt(hex[i], 16);
                }
                Files.write(file, bytes);
            }
            Cli.Result result = Cli.run("file", file.toString());
            assertThat(result.exitCode()).as(message).isEqualTo(ExitCodes.INPUT);
            assertThat(result.errLines()).as(message)
                    .containsExactly(message.replace(name.group(1), file.toString()));
        }
    }

    @Test
    void internalErrorMessage() throws IOException {
        Environment failing = new Environment(Map.of(), false, (captures, overrides) -> {
            throw new IllegalStateException("boom");
        });
        Cli.Result result = Cli.run(failing, "file", "x.pcap");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INTERNAL);
        assertDocumented(4, result.errLines(), "drcheck: internal error: java.lang.IllegalStateException: boom");
    }

    /** Every message row {@code code} quotes matches a line of {@code err}; {@code exact} when given is one. */
    private static void assertDocumented(int code, String[] err, String exact) throws IOException {
        List<String> messages = documented(code);
        assertThat(messages).isNotEmpty();
        for (String message : messages) {
            Pattern pattern = Pattern.compile(PLACEHOLDER.splitAsStream(message).map(Pattern::quote)
                    .reduce((a, b) -> a + ".+" + b).orElse("") + (message.endsWith(">") ? ".+" : ""));
            assertThat(err).as(message).anySatisfy(line -> assertThat(line).matches(pattern));
        }
        if (exact != null) {
            assertThat(err).containsExactly(exact);
        }
    }

    /** The quoted messages in the exit-code table row of {@code code}. */
    private static List<String> documented(int code) throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(Cli.repoRoot().resolve("docs/cli.md"))) {
            if (line.startsWith("| " + code + " |")) {
                Matcher m = QUOTED.matcher(line);
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        }
        return found;
    }
}
