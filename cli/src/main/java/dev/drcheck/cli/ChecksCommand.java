package dev.drcheck.cli;

import dev.drcheck.core.check.Check;
import dev.drcheck.core.check.CheckInfo;
import dev.drcheck.core.check.Checks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code drcheck checks}: lists every registered check as an aligned table. */
@Command(name = "checks",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Lists every check drcheck runs: id, severity, the DR invariant it guards"
                + " (1 forwarded leg, 2 reply path, 3 ARP, 4 handshakes) and what it detects.")
final class ChecksCommand implements Callable<Integer> {
    private static final String[] HEADER = {"ID", "SEVERITY", "INVARIANT", "SUMMARY"};

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(table(Checks.all().stream().map(Check::info).toList()));
        out.flush();
        return ExitCodes.OK;
    }

    /** The table for {@code checks}: a header row and one row per check, columns aligned. */
    static String table(List<CheckInfo> checks) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (CheckInfo info : checks) {
            rows.add(new String[] {Sanitizer.clean(info.id()), info.severity().id(),
                    Integer.toString(info.invariant()), Sanitizer.clean(info.summary())});
        }
        int[] widths = new int[HEADER.length - 1];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                sb.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            sb.append(row[row.length - 1]).append('\n');
        }
        if (checks.isEmpty()) {
            sb.append("(no checks registered)\n");
        }
        return sb.toString();
    }
}
