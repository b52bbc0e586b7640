package dev.drcheck.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The text of {@code --version}: "drcheck" and the project version, the git commit the jar was built from (both
 * written into the jar by the build), and the Java runtime it runs on.
 */
final class VersionProvider implements IVersionProvider {
    private static final String RESOURCE = "version.properties";
    /** The commit when the build ran outside a git checkout (a source tarball) or git was missing. */
    static final String UNKNOWN = "unknown";

    @Override
    public String[] getVersion() {
        Properties build = buildProperties();
        return new String[] {
            "drcheck " + build.getProperty("version"),
            "commit " + commit(build.getProperty("commit")),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") at "
                    + System.getProperty("java.home")};
    }

    /**
     * The commit as the build wrote it, or {@link #UNKNOWN} when the build found none: then the property is empty
     * or still the unexpanded {@code ${git.commit}}.
     */
    static String commit(String written) {
        if (written == null || written.isBlank() || written.startsWith("${")) {
            return UNKNOWN;
        }
        return written.strip();
    }

    private static Properties buildProperties() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
