package dev.drcheck.cli;

import dev.drcheck.core.check.Checks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PackagingFilesTest {

    @TempDir
    Path out;

    @Test
    void everyCommandHasAManPageWithEachOfItsOptions() throws IOException {
        PackagingFiles.write(out);
        CommandLine root = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                Environment.system());
        List<CommandSpec> commands = new ArrayList<>();
        commands.add(root.getCommandSpec());
        root.getSubcommands().values().forEach(sub -> commands.add(sub.getCommandSpec()));
        assertThat(commands).hasSize(5);
        for (CommandSpec command : commands) {
            Path page = out.resolve("man").resolve(command.qualifiedName("-") + ".adoc");
            assertThat(page).exists();
            String text = Files.readString(page);
            assertThat(text).contains(":doctype: manpage");
            for (OptionSpec option : command.options()) {
                assertThat(text).as(page + " names " + option.longestName()).contains(option.longestName());
            }
        }
    }

    @Test
    void bashCompletesCheckIdsAfterExplain() throws Exception {
        PackagingFiles.write(out);
        List<String> expected = Checks.all().stream().map(c -> c.info().id()).filter(id -> id.startsWith("Rs"))
                .toList();
        assertThat(expected).contains("RsAnswersArpForVip");
        assertThat(complete("drcheck", "explain", "Rs")).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void bashCompletesInterfacesAfterLiveButNotOptionValues() throws Exception {
        PackagingFiles.write(out);
        assertThat(Path.of("/sys/class/net/lo")).as("Linux loopback interface").exists();
        assertThat(complete("drcheck", "live", "l")).contains("lo");
        assertThat(complete("drcheck", "live", "--duration", "10s", "l")).contains("lo");
        assertThat(complete("drcheck", "live", "--duration", "l")).doesNotContain("lo");
        assertThat(complete("drcheck", "live", "--sta")).containsExactly("--status-interval");
        assertThat(complete("drcheck", "fi")).containsExactly("file");
    }

    /** What the installed completion offers for the last of {@code words}, run in bash as Tab would. */
    private List<String> complete(String... words) throws Exception {
        String script = "source \"$1\" 2>/dev/null; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1));"
                + " COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}; COMPREPLY=();"
                + " _drcheck_with_interfaces drcheck \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\""
                + " 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
        List<String> command = new ArrayList<>(List.of("bash", "-c", script, "bash",
                out.resolve("completion/drcheck").toString()));
        command.addAll(List.of(words));
        Process bash = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(output).isZero();
        return output.lines().filter(line -> !line.isEmpty()).toList();
    }
}
