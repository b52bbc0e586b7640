package dev.drcheck.cli;

import dev.drcheck.core.topology.TopologyOverrides;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * Re-reads the cluster's configuration ({@code --ipvs}, {@code --keepalived}) for {@code drcheck live} when the file
 * changes (its modification time or size), so that a monitor survives a reconfiguration without a restart. A file
 * that cannot be read or parsed any more keeps the configuration read before.
 */
final class ConfigWatcher {
    private final Path file;
    private final TopologyOptions options;
    private FileTime modified;
    private long size;

    /** What a change brought: the new overrides, or why the file could not be used (then overrides is null). */
    record Change(TopologyOverrides overrides, String problem) {
    }

    /** Watches {@code file}, which {@code options} read at start-up. */
    ConfigWatcher(Path file, TopologyOptions options) {
        this.file = file;
        this.options = options;
        remember();
    }

    /** The file watched. */
    Path file() {
        return file;
    }

    /** Null while the file is unchanged; else the configuration as it reads now, or the problem reading it. */
    Change poll() {
        FileTime previousModified = modified;
        long previousSize = size;
        remember();
        if (Objects.equals(previousModified, modified) && previousSize == size) {
            return null;
        }
        try {
            return new Change(options.overrides(), null);
        } catch (UnreadableInputException e) {
            return new Change(null, Main.oneLine(e.getMessage()));
        }
    }

    private void remember() {
        try {
            modified = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (IOException e) {
            modified = null;
            size = -1;
        }
    }
}
