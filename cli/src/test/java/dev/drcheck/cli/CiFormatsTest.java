package dev.drcheck.cli;

import dev.drcheck.core.check.Checks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** What a CI pipeline uses: JUnit XML output and a baseline of known findings. */
class CiFormatsTest {
    private static final Path SAMPLES = Cli.repoRoot().resolve("sample-pcaps");

    @TempDir
    Path dir;

    @Test
    void junitXmlHasATestCasePerCheckAndAFailurePerFinding() throws Exception {
        Cli.Result result = Cli.run("file", "--format", "junit", sample("reply-via-director.pcap"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(result.out().getBytes(StandardCharsets.UTF_8)));
        Element suite = xml.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo(String.valueOf(Checks.all().size()));
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        NodeList failures = xml.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(2);
        Element testCase = (Element) failures.item(0).getParentNode();
        assertThat(testCase.getAttribute("name")).isEqualTo("ReplyViaDirector");
        assertThat(((Element) failures.item(0)).getAttribute("message")).contains("02:00:00:00:00:1");
    }

    @Test
    void onlyFindingsMissingFromTheBaselineCount() throws Exception {
        Path baseline = dir.resolve("baseline.json");
        Files.writeString(baseline, Cli.run("file", "--format", "json", sample("arp-ignore-rs1.pcap")).out());

        Cli.Result same = Cli.run("file", "--baseline", baseline.toString(), sample("arp-ignore-rs1.pcap"));
        Cli.Result worse = Cli.run("file", "--baseline", baseline.toString(), sample("arp-ignore-rs1-wins.pcap"));

        assertThat(same.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(same.out()).contains("Baseline: 1 of 1 findings are in");
        assertThat(worse.exitCode()).as("DirectorBypassed is new").isEqualTo(ExitCodes.FINDINGS);
        assertThat(worse.out()).contains("Baseline: 1 of 2 findings are in");
    }

    @Test
    void aBaselineThatIsNotAReportIsOneLineAndExitThree() throws Exception {
        Path notJson = Files.writeString(dir.resolve("notes.md"), "# not json\n");

        Cli.Result result = Cli.run("file", "--baseline", notJson.toString(), sample("healthy.pcap"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.errLines()).containsExactly("drcheck: cannot read " + notJson
                + ": not a drcheck JSON report: invalid JSON at line 1 column 1"
                + " (expected: the output of drcheck file --format json)");
    }

    private static String sample(String name) {
        return SAMPLES.resolve(name).toString();
    }
}
