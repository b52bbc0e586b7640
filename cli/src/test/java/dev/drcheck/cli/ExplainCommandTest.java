package dev.drcheck.cli;

import dev.drcheck.core.check.Check;
import dev.drcheck.core.check.Checks;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

class ExplainCommandTest {

    @Test
    void printsTheDocPageOfEveryRegisteredCheckAsInDocs() throws IOException {
        for (Check check : Checks.all()) {
            String id = check.info().id();

            Cli.Result result = Cli.run("explain", id.toLowerCase());

            assertThat(result.exitCode()).as(id).isEqualTo(ExitCodes.OK);
            assertThat(result.out()).isEqualTo(
                    Files.readString(Cli.repoRoot().resolve("docs/checks/" + id + ".md")));
        }
    }

    @Test
    void anUnknownIdIsAUsageErrorListingTheIds() {
        Cli.Result result = Cli.run("explain", "NoSuchCheck");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()[0]).startsWith("drcheck: unknown check: NoSuchCheck (expected one of: ")
                .contains("RsAnswersArpForVip");
    }
}
