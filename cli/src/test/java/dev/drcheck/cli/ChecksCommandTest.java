package dev.drcheck.cli;

import dev.drcheck.core.check.Check;
import dev.drcheck.core.check.CheckInfo;
import dev.drcheck.core.check.Checks;
import dev.drcheck.core.finding.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksCommandTest {

    @Test
    void listsEveryRegisteredCheck() {
        Cli.Result result = Cli.run("checks");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).startsWith("ID").contains("SEVERITY").contains("INVARIANT").contains("SUMMARY");
        for (Check check : Checks.all()) {
            CheckInfo info = check.info();
            assertThat(result.out()).containsPattern("(?m)^" + info.id() + "\\s+" + info.severity().id() + "\\s+"
                    + info.invariant() + "\\s+");
            assertThat(result.out()).contains(info.summary());
        }
        assertThat(result.out().lines().count()).isEqualTo(1 + Math.max(1, Checks.all().size()));
    }

    @Test
    void alignsColumns() {
        String table = ChecksCommand.table(List.of(
                check("RsAnswersArpForVip", Severity.ERROR, 3, "a real server answers ARP for the VIP"),
                check("NatMode", Severity.WARNING, 2, "replies are rewritten by the director")));
        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(3);
        int summaryColumn = lines.get(0).indexOf("SUMMARY");
        assertThat(lines.get(1).indexOf("a real server")).isEqualTo(summaryColumn);
        assertThat(lines.get(2).indexOf("replies")).isEqualTo(summaryColumn);
        int severityColumn = lines.get(0).indexOf("SEVERITY");
        assertThat(lines.get(1).indexOf("error")).isEqualTo(severityColumn);
        assertThat(lines.get(2).indexOf("warning")).isEqualTo(severityColumn);
    }

    private static CheckInfo check(String id, Severity severity, int invariant, String summary) {
        return new CheckInfo(id, severity, invariant, summary);
    }
}
