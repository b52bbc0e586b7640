package dev.drcheck.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes the files the .deb installs that come from the picocli model, so that they never drift from
 * {@code --help}: the man pages as AsciiDoc ({@code man/drcheck.adoc}, {@code man/drcheck-file.adoc}, ...; the
 * packaging script turns them into roff) and the bash completion script ({@code completion/drcheck}). Run by the
 * {@code deb} Maven profile of the cli module (docs/packaging.md); {@code PackagingFilesTest} checks the output.
 */
public final class PackagingFiles {
    private PackagingFiles() {
    }

    /** Writes the files under the directory {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PackagingFiles OUTPUT-DIRECTORY");
        }
        write(Path.of(args[0]));
    }

    /** Writes {@code man/*.adoc} and {@code completion/drcheck} under {@code out}. */
    static void write(Path out) throws IOException {
        CommandLine commandLine = commandLine();
        Path man = Files.createDirectories(out.resolve("man"));
        int status = ManPageGenerator.generateManPage(man.toFile(), null, new boolean[0], true,
                commandLine.getCommandSpec());
        if (status != 0) {
            throw new IOException("ManPageGenerator failed with status " + status);
        }
        Path completion = Files.createDirectories(out.resolve("completion"));
        Files.writeString(completion.resolve("drcheck"), bashCompletion(commandLine), StandardCharsets.UTF_8);
    }

    /**
     * picocli's bash completion script for drcheck, plus interface names (from /sys/class/net) for the IFACE of
     * {@code drcheck live}, which picocli cannot know: a wrapper offers them where a positional argument of
     * {@code live} goes (not after an option that takes a value) and hands everything else to picocli's function.
     */
    static String bashCompletion(CommandLine commandLine) {
        String picocli = AutoComplete.bash("drcheck", commandLine);
        String valueOptions = commandLine.getSubcommands().get("live").getCommandSpec().options().stream()
                .filter(option -> option.arity().max() > 0)
                .flatMap(option -> Arrays.stream(option.names()))
                .sorted()
                .collect(Collectors.joining("|"));
        return picocli + "\n"
                + "# drcheck live IFACE: the names in /sys/class/net, where a positional argument of live goes.\n"
                + "function _drcheck_with_interfaces() {\n"
                + "  local curr=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                + "  if [[ \"${COMP_WORDS[1]}\" == live && $COMP_CWORD -ge 2 && \"$curr\" != -* ]]; then\n"
                + "    case \"$prev\" in\n"
                + "      " + valueOptions + ") ;;\n"
                + "      *)\n"
                + "        local IFS=$'\\n'\n"
                + "        COMPREPLY=( $(compgen -W \"$(ls /sys/class/net 2>/dev/null)\" -- \"$curr\") )\n"
                + "        return 0 ;;\n"
                + "    esac\n"
                + "  fi\n"
                + "  _complete_drcheck \"$@\"\n"
                + "}\n"
                + "complete -F _drcheck_with_interfaces -o default drcheck\n";
    }

    private static CommandLine commandLine() {
        return Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                Environment.system());
    }
}
