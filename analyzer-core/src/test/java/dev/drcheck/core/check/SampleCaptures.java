package dev.drcheck.core.check;

import dev.drcheck.core.capture.PcapReader;
import dev.drcheck.core.config.ClusterConfig;
import dev.drcheck.core.config.ConfigException;
import dev.drcheck.core.config.IpvsadmParser;
import dev.drcheck.core.config.KeepalivedParser;
import dev.drcheck.core.engine.Analyzer;
import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.report.Report;
import dev.drcheck.core.topology.TopologyOverrides;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The lab captures in sample-pcaps/, analysed for check tests. */
public final class SampleCaptures {
    /**
     * Captures of a correctly configured cluster: at three capture points, with the client behind a router
     * (replies go to the router's MAC, which is healthy), and with two directors under keepalived VRRP.
     */
    public static final List<String> HEALTHY = List.of(
            "healthy.pcap", "healthy-director-port.pcap", "healthy-rs1-port.pcap", "routed-client.pcap",
            "vrrp-healthy.pcap");

    private SampleCaptures() {
    }

    /** The sample-pcaps directory of this checkout. */
    public static Path directory() {
        String root = System.getProperty("drcheck.repoRoot");
        Path start = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("sample-pcaps"))) {
                return p.resolve("sample-pcaps");
            }
        }
        throw new IllegalStateException("sample-pcaps: not found above " + start + " (expected: the repo root)");
    }

    /** Every capture in sample-pcaps/, by file name. */
    public static List<String> all() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcap")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Analyses one sample with everything inferred. */
    public static Report analyze(String name) {
        return analyze(name, TopologyOverrides.none());
    }

    /** Analyses one sample with the given topology elements. */
    public static Report analyze(String name, TopologyOverrides overrides) {
        try (PcapReader reader = PcapReader.open(directory().resolve(name))) {
            return new Analyzer(overrides).analyze(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The findings one check produced on one sample. */
    public static List<Finding> findingsOf(String name, String checkId) {
        return findingsOf(name, checkId, TopologyOverrides.none());
    }

    /** The findings one check produced on one sample analysed with the given topology elements. */
    public static List<Finding> findingsOf(String name, String checkId, TopologyOverrides overrides) {
        return analyze(name, overrides).findings().stream().filter(f -> f.checkId().equals(checkId)).toList();
    }

    /**
     * A cluster configuration from sample-pcaps/configs/, as {@code --ipvs} (or {@code --keepalived} when the name
     * contains "keepalived") would read it.
     */
    public static TopologyOverrides config(String file) {
        try {
            String text = Files.readString(directory().resolve("configs").resolve(file));
            boolean keepalived = file.contains("keepalived");
            ClusterConfig config = keepalived ? KeepalivedParser.parse("--keepalived " + file, text)
                    : IpvsadmParser.parse("--ipvs " + file, text);
            return TopologyOverrides.of(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }
}
