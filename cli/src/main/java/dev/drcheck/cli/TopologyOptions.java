package dev.drcheck.cli;

import dev.drcheck.core.config.ClusterConfig;
import dev.drcheck.core.config.ConfigException;
import dev.drcheck.core.config.IpvsadmParser;
import dev.drcheck.core.config.KeepalivedParser;
import dev.drcheck.core.finding.Host;
import dev.drcheck.core.topology.TopologyOverrides;
import dev.drcheck.core.topology.TopologyOverrides.VipSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The topology flags shared by {@code drcheck file} and {@code drcheck live}; each replaces inference. A cluster
 * configuration ({@code --ipvs}, {@code --keepalived}) supplies the VIPs and real-server addresses the other flags
 * do not give, and the checks compare the capture with it.
 */
final class TopologyOptions {
    /** The largest configuration file read. */
    static final long MAX_CONFIG_BYTES = 16L * 1024 * 1024;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--vip", paramLabel = "IP[:PORT]", converter = Converters.VipConverter.class,
            description = "A virtual IP, optionally with its service port (repeatable).")
    private List<VipSpec> vips;

    @Option(names = "--director-mac", paramLabel = "MAC", converter = Converters.MacConverter.class,
            description = "The director's MAC, e.g. 02:00:00:00:00:01 (repeatable).")
    private List<Long> directorMacs;

    @Option(names = "--rs", paramLabel = "MAC[=RIP]", converter = Converters.RealServerConverter.class,
            description = "A real server's MAC, optionally with its own address (repeatable). The list is the pool:"
                    + " VIP traffic forwarded to any other MAC is reported.")
    private List<Host> realServers;

    @Option(names = "--ipvs", paramLabel = "FILE",
            description = "The cluster's configuration as ipvsadm -Ln or ipvsadm-save -n prints it: the expected"
                    + " VIPs, real servers, weights, scheduler, forwarding method and persistence.")
    private String ipvsFile;

    @Option(names = "--keepalived", paramLabel = "FILE",
            description = "The cluster's configuration as a keepalived.conf (its virtual_server blocks).")
    private String keepalivedFile;

    /** The cluster configuration file given with {@code --ipvs} or {@code --keepalived}, if one was. */
    Optional<Path> configFile() {
        String file = ipvsFile != null ? ipvsFile : keepalivedFile;
        return file == null ? Optional.empty() : Optional.of(Path.of(file));
    }

    /**
     * The flags as overrides for the analyzer, with the configuration file read and parsed.
     *
     * @throws UnreadableInputException when the configuration file cannot be read or parsed (exit 3)
     * @throws ParameterException when both {@code --ipvs} and {@code --keepalived} are given (exit 2)
     */
    TopologyOverrides overrides() throws UnreadableInputException {
        if (ipvsFile != null && keepalivedFile != null) {
            throw new ParameterException(mixee.commandLine(),
                    "--ipvs and --keepalived: give one cluster configuration, not both");
        }
        ClusterConfig config = null;
        if (ipvsFile != null) {
            config = readConfig(ipvsFile, "--ipvs", "ipvsadm -Ln or ipvsadm-save -n output");
        } else if (keepalivedFile != null) {
            config = readConfig(keepalivedFile, "--keepalived", "a keepalived.conf with virtual_server blocks");
        }
        return new TopologyOverrides(Objects.requireNonNullElse(vips, List.of()),
                Objects.requireNonNullElse(directorMacs, List.of()),
                Objects.requireNonNullElse(realServers, List.of()), config);
    }

    private static ClusterConfig readConfig(String file, String flag, String expected)
            throws UnreadableInputException {
        String text = readText(file, expected);
        try {
            String source = flag + " " + file;
            return flag.equals("--ipvs") ? IpvsadmParser.parse(source, text) : KeepalivedParser.parse(source, text);
        } catch (ConfigException e) {
            throw new UnreadableInputException(file, e.getMessage());
        }
    }

    private static String readText(String file, String expected) throws UnreadableInputException {
        try {
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                throw new UnreadableInputException(file, "is a directory (expected: " + expected + ")");
            }
            if (Files.size(path) > MAX_CONFIG_BYTES) {
                throw new UnreadableInputException(file, "larger than 16 MiB (expected: " + expected + ")");
            }
            byte[] bytes = Files.readAllBytes(path);
            for (byte b : bytes) {
                if (b == 0) {
                    throw new UnreadableInputException(file, "not a text file (expected: " + expected + ")");
                }
            }
            return new String(bytes, StandardCharsets.ISO_8859_1);
        } catch (InvalidPathException e) {
            throw new UnreadableInputException(file, "invalid file name");
        } catch (NoSuchFileException e) {
            throw new UnreadableInputException(file, "no such file");
        } catch (AccessDeniedException e) {
            throw new UnreadableInputException(file, "permission denied");
        } catch (UnreadableInputException e) {
            throw e;
        } catch (FileSystemException e) {
            throw new UnreadableInputException(file, e.getReason() != null ? e.getReason()
                    : "I/O error: " + e.getMessage());
        } catch (IOException e) {
            throw new UnreadableInputException(file, "I/O error: " + e.getMessage());
        }
    }
}
