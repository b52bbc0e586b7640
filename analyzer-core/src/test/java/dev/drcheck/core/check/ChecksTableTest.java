package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The table in docs/checks/README.md lists the registered checks, in registry order, as their infos say. */
class ChecksTableTest {
    private static final Pattern ROW =
            Pattern.compile("^\\| \\[(\\w+)\\]\\((\\w+)\\.md\\) \\| (\\w+) \\| (\\d) \\| (.+) \\|$");

    @Test
    void tableAgreesWithTheRegistry() throws IOException {
        List<String> lines =
                Files.readAllLines(SampleCaptures.directory().getParent().resolve("docs/checks/README.md"));
        List<String> rows = lines.stream().filter(l -> l.startsWith("| [")).map(ChecksTableTest::normalized).toList();
        List<String> registry = Checks.all().stream().map(Check::info)
                .map(i -> i.id() + " | " + i.id() + " | " + i.severity().name() + " | " + i.invariant() + " | "
                        + i.summary())
                .toList();
        assertThat(rows).isEqualTo(registry);
    }

    /** "ID | PAGE | SEVERITY | INVARIANT | SUMMARY" of one table row; the row itself when it is not in that form. */
    private static String normalized(String row) {
        Matcher m = ROW.matcher(row);
        if (!m.matches()) {
            return row;
        }
        return m.group(1) + " | " + m.group(2) + " | " + m.group(3) + " | " + m.group(4) + " | " + m.group(5);
    }
}
