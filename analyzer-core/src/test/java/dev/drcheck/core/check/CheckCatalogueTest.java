package dev.drcheck.core.check;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps every check complete: registered, documented, fired by a real lab capture, silent on the healthy
 * captures, and tested; and keeps every check class in the registry.
 */
class CheckCatalogueTest {

    @Test
    void everyCheckClassIsRegistered() throws IOException, URISyntaxException {
        Path classes = Path.of(Check.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/drcheck/core/check");
        List<String> implementations = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                Class<?> type = loadCheckClass(name);
                if (type != null && Check.class.isAssignableFrom(type) && !type.isInterface()) {
                    implementations.add(type.getSimpleName());
                }
            }
        }
        assertThat(Checks.all()).extracting(c -> c.getClass().getSimpleName())
                .containsExactlyInAnyOrderElementsOf(implementations);
    }

    @Test
    void idsAreUniqueAndNamedAfterTheirClass() {
        assertThat(Checks.all()).extracting(c -> c.info().id()).doesNotHaveDuplicates();
        assertThat(Checks.all()).allSatisfy(c -> assertThat(c.info().id()).isEqualTo(c.getClass().getSimpleName()));
        assertThat(Checks.all()).allSatisfy(c -> assertThat(c.info().invariant()).isBetween(1, 4));
    }

    @TestFactory
    Stream<DynamicTest> everyCheckHasDocFixturesAndTest() {
        return Checks.all().stream().map(check -> DynamicTest.dynamicTest(check.info().id(), () -> {
            String id = check.info().id();
            Path repo = SampleCaptures.directory().getParent();

            assertThat(repo.resolve("docs/checks/" + id + ".md")).as("doc page").isRegularFile();
            assertThat(Files.readString(repo.resolve("docs/checks/" + id + ".md"))).startsWith("# " + id);

            assertThat(expectedFilesListing(id)).as("a lab capture whose expected findings include " + id)
                    .isNotEmpty();
            for (String healthy : SampleCaptures.HEALTHY) {
                assertThat(expectedFindings(healthy)).as("expected findings of " + healthy).isEmpty();
            }

            Class<?> test = Class.forName("dev.drcheck.core.check." + id + "Test");
            assertThat(LabCaptureCheckTest.class.isAssignableFrom(test)).as(id + "Test keeps the check contract")
                    .isTrue();
        }));
    }

    private static List<Path> expectedFilesListing(String id) throws IOException {
        try (Stream<Path> files = Files.walk(SampleCaptures.directory().resolve("expected"))) {
            List<Path> result = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (Files.readAllLines(file).stream().anyMatch(line -> line.startsWith("finding " + id + " "))) {
                    result.add(file);
                }
            }
            return result;
        }
    }

    private static List<String> expectedFindings(String capture) throws IOException {
        Path file = SampleCaptures.directory().resolve("expected").resolve(capture + ".expected");
        assertThat(file).as("expected findings file").isRegularFile();
        return Files.readAllLines(file).stream().filter(line -> line.startsWith("finding ")).toList();
    }

    private static Class<?> loadCheckClass(String simpleName) {
        try {
            return Class.forName("dev.drcheck.core.check." + simpleName);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
