package dev.drcheck.cli;

import dev.drcheck.core.capture.LinkType;
import dev.drcheck.core.capture.LiveCaptureException;
import dev.drcheck.core.capture.LiveFrameSource;
import dev.drcheck.core.capture.LiveInterface;
import dev.drcheck.core.capture.LiveSource;
import dev.drcheck.core.capture.LiveStats;
import dev.drcheck.core.engine.AnalysisSession;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.report.Report;
import dev.drcheck.core.topology.TopologyOverrides;
import dev.drcheck.core.topology.TopologyOverrides.VipSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code drcheck live [options] IFACE}: captures from a live interface through libpcap, runs the same checks as
 * {@code drcheck file} on the stream, prints each finding when it is first established, and on stop (duration,
 * count, Ctrl-C) prints the full report and exits with the same codes as {@code drcheck file}.
 */
@Command(name = "live",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Captures on a live interface (libpcap) and checks the LVS-DR traffic as it passes.",
                "Each finding is printed once when it is first established; on a terminal a status line shows"
                        + " progress. Stops after --duration, after --count frames, or on Ctrl-C, and then prints"
                        + " the full report (as drcheck file does) and exits with its code.",
                "Needs root, or CAP_NET_RAW and CAP_NET_ADMIN on the java binary."},
        sortOptions = false,
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.FINDINGS_HELP, ExitCodes.USAGE_HELP, LiveCommand.INPUT_HELP,
                ExitCodes.INTERNAL_HELP})
final class LiveCommand implements Callable<Integer> {
    static final String INPUT_HELP = ExitCodes.INPUT + ":capture cannot start or failed (no such interface,"
            + " permission denied, libpcap missing, interface went down: the report of what was seen comes first)";
    /** ICMP errors: what the checks read of ICMP (the messages that quote a failed packet). */
    static final String ICMP_ERRORS = "icmp[icmptype] == icmp-unreach or icmp[icmptype] == icmp-sourcequench"
            + " or icmp[icmptype] == icmp-timxceed or icmp[icmptype] == icmp-paramprob";
    /** The filter without --vip: every ARP frame, TCP segment, VRRP advert and ICMP error. */
    static final String DEFAULT_FILTER = "arp or tcp or vrrp or " + ICMP_ERRORS;
    static final String PERMISSION_HELP = "capture needs root or CAP_NET_RAW and CAP_NET_ADMIN: run as root, or"
            + " sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))";
    static final String LIBPCAP_HELP = "libpcap not found: install libpcap0.8 (Debian/Ubuntu) or libpcap"
            + " (RHEL/Fedora)";
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    @ParentCommand
    private Main parent;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "IFACE", description = "The interface to capture on, e.g. eth0 or br0"
            + " (see --list).")
    private String iface;

    @Option(names = "--list", description = "List the interfaces that can be captured, and exit.")
    private boolean list;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Stop after this long: 30s, 5m, 1h, 500ms, or plain seconds (default: until Ctrl-C).")
    private Long durationNanos;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N frames.")
    private Long count;

    @Option(names = "--filter", paramLabel = "BPF", description = "BPF capture filter (default: '" + DEFAULT_FILTER
            + "', or with --vip: 'arp or ((tcp or udp) and (host VIP ...))'; '' captures everything).")
    private String filter;

    @Option(names = "--snaplen", paramLabel = "BYTES", defaultValue = "" + LiveSource.DEFAULT_SNAPLEN,
            description = "Bytes kept of each frame (default: ${DEFAULT-VALUE}).")
    private int snaplen;

    @Option(names = "--buffer-size", paramLabel = "SIZE", converter = SizeConverter.class,
            defaultValue = "32MiB", description = "Kernel capture buffer, as tcpdump -B: 64MiB, 512KiB, or plain"
            + " bytes (default: ${DEFAULT-VALUE}). Frames that arrive while it is full are dropped by the kernel;"
            + " the report counts them and leaves the flows they may have changed out of the checks.")
    private int bufferBytes;

    @Option(names = "--write", paramLabel = "FILE", description = "Also save the captured frames to FILE as"
            + " classic pcap (nanosecond timestamps), for drcheck file.")
    private Path write;

    @Option(names = "--status-interval", paramLabel = "TIME", converter = DurationConverter.class,
            defaultValue = "1s", description = "How often to look for new findings and refresh the status line"
            + " (default: ${DEFAULT-VALUE}).")
    private long statusIntervalNanos;

    @Option(names = "--clear-after", paramLabel = "TIME", converter = DurationConverter.class,
            defaultValue = "5m", description = "A finding is cleared when nothing new was seen of it for this long"
            + " (default: ${DEFAULT-VALUE}); it is raised again when its evidence comes back.")
    private long clearAfterNanos;

    @Option(names = "--evidence-dir", paramLabel = "DIR", description = "Keep the latest frames in memory and, when"
            + " a finding is raised, save those around its evidence to DIR as a pcap that drcheck file reads"
            + " (one file per episode, 100 per run at most).")
    private Path evidenceDir;

    @Option(names = "--metrics", paramLabel = "HOST:PORT", converter = ListenAddressConverter.class,
            description = "Serve Prometheus metrics at http://HOST:PORT/metrics (e.g. 127.0.0.1:9469 or"
            + " 0.0.0.0:9469); see docs/monitoring.")
    private ListenAddress metrics;

    @Mixin
    private TopologyOptions topology;

    @Mixin
    private ReportOptions output;

    @Override
    public Integer call() {
        Environment environment = parent.environment();
        LiveSetup live = environment.live();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            return listInterfaces(live.captures(), out, err);
        }
        validate();
        TopologyOverrides overrides;
        try {
            overrides = topology.overrides();
        } catch (UnreadableInputException e) {
            err.println("drcheck: cannot read " + Sanitizer.clean(e.input()) + ": " + Main.oneLine(e.getMessage()));
            err.flush();
            return ExitCodes.INPUT;
        }
        LiveMetrics served = null;
        if (metrics != null) {
            try {
                served = LiveMetrics.serve(metrics.host(), metrics.port());
            } catch (IOException e) {
                err.println("drcheck: cannot serve metrics on " + Sanitizer.clean(metrics.text()) + ": "
                        + Main.oneLine(e.getMessage()));
                err.flush();
                return ExitCodes.INPUT;
            }
        }
        try {
            return openAndCapture(environment, live, overrides, served, out, err);
        } finally {
            if (served != null) {
                served.close();
            }
        }
    }

    private int openAndCapture(Environment environment, LiveSetup live, TopologyOverrides overrides,
                               LiveMetrics served, PrintWriter out, PrintWriter err) {
        String bpf = filter != null ? filter : defaultFilter(overrides);
        LiveFrameSource source;
        try {
            source = live.captures().open(iface, snaplen, bufferBytes, bpf.isBlank() ? null : bpf);
        } catch (LiveCaptureException e) {
            return startFailure(e, bpf, err);
        }
        try {
            return capture(environment, live, source, overrides, bpf, served, out, err);
        } finally {
            try {
                source.close();
            } catch (IOException e) {
                // closing a capture handle has nothing left to report
            }
        }
    }

    private int capture(Environment environment, LiveSetup live, LiveFrameSource source, TopologyOverrides overrides,
                        String bpf, LiveMetrics served, PrintWriter out, PrintWriter err) {
        ReopenablePcap writer = null;
        if (write != null) {
            try {
                writer = ReopenablePcap.create(write, source.linkType(), source.snaplen());
            } catch (IOException e) {
                err.println("drcheck: cannot write " + Sanitizer.clean(write.toString()) + ": "
                        + Main.oneLine(e.getMessage()));
                err.flush();
                return ExitCodes.INPUT;
            }
        }
        boolean json = !output.isText();
        PrintWriter lines = json ? err : out;
        PrintWriter status = environment.stdoutIsTerminal() ? err : null;
        lines.println("Capturing on " + Sanitizer.clean(iface) + " (" + LinkType.describe(source.linkType())
                + ", filter: " + (bpf.isBlank() ? "none" : Sanitizer.clean(bpf)) + ")" + stopsWhen());
        lines.flush();
        AnalysisSession session = new AnalysisSession(overrides, List.of(iface));
        LiveMonitor monitor = new LiveMonitor(source, session, live.clock(),
                new LiveMonitor.Limits(durationNanos == null ? 0 : durationNanos, count == null ? 0 : count,
                        statusIntervalNanos, clearAfterNanos),
                new LiveMonitor.Outputs(writer, lines, status, served, evidenceDir == null ? null
                        : new EvidenceRecorder(evidenceDir, source.linkType(), source.snaplen()),
                        output.isJsonLines() ? out : null),
                topology.configFile().map(file -> new ConfigWatcher(file, topology)).orElse(null));
        LiveMonitor.Outcome outcome;
        LiveSignals.Registration signals = live.signals().install(monitor::requestStop, monitor::requestReopen);
        try {
            outcome = monitor.run();
        } finally {
            signals.close();
        }
        IOException writeFailure = outcome.writeFailure();
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                writeFailure = writeFailure != null ? writeFailure : e;
            }
        }
        LiveStats stats = source.stats();
        Report report = session.finish(Optional.empty(), notes(outcome, stats, bpf, writer, writeFailure));
        int code = output.print(report, out, environment);
        if (outcome.failure() != null) {
            err.println("drcheck: capture on " + Sanitizer.clean(iface) + " stopped: "
                    + failureText(outcome.failure(), bpf));
            err.flush();
            return ExitCodes.INPUT;
        }
        if (writeFailure != null) {
            err.println("drcheck: cannot write " + Sanitizer.clean(write.toString()) + ": "
                    + Main.oneLine(writeFailure.getMessage()));
            err.flush();
            return ExitCodes.INPUT;
        }
        return code;
    }

    private void validate() {
        if (iface == null) {
            throw new ParameterException(spec.commandLine(),
                    "missing interface: drcheck live IFACE (drcheck live --list shows them)");
        }
        if (count != null && count < 1) {
            throw new ParameterException(spec.commandLine(), "--count: " + count + " (expected: at least 1)");
        }
        if (snaplen < 64 || snaplen > 262_144) {
            throw new ParameterException(spec.commandLine(),
                    "--snaplen: " + snaplen + " (expected: 64 to 262144 bytes)");
        }
        if (clearAfterNanos <= 0) {
            throw new ParameterException(spec.commandLine(), "--clear-after: must be more than 0");
        }
        if (statusIntervalNanos <= 0) {
            throw new ParameterException(spec.commandLine(), "--status-interval: must be more than 0");
        }
        if (durationNanos != null && durationNanos <= 0) {
            throw new ParameterException(spec.commandLine(), "--duration: must be more than 0");
        }
    }

    private String stopsWhen() {
        List<String> limits = new ArrayList<>();
        if (durationNanos != null) {
            limits.add("after " + seconds(durationNanos));
        }
        if (count != null) {
            limits.add("after " + count + (count == 1 ? " frame" : " frames"));
        }
        limits.add("on Ctrl-C");
        return "; stops " + String.join(", ", limits);
    }

    /**
     * The default BPF filter: ARP, TCP, VRRP and ICMP errors; or, with VIPs given, ARP, VRRP, TCP/UDP to and from
     * the VIPs, and ICMP errors to a VIP (about its replies) or quoting a packet to a VIP (bytes 24-27 of the ICMP
     * message: the quoted IPv4 header's destination, when it has no options).
     */
    static String defaultFilter(TopologyOverrides overrides) {
        Set<String> hosts = new LinkedHashSet<>();
        Set<String> quoted = new LinkedHashSet<>();
        for (VipSpec vip : overrides.vips()) {
            hosts.add("host " + Ipv4.format(vip.ip()));
            quoted.add(String.format(Locale.ROOT, "icmp[24:4] == 0x%08x", vip.ip()));
        }
        if (hosts.isEmpty()) {
            return DEFAULT_FILTER;
        }
        String vips = String.join(" or ", hosts);
        return "arp or vrrp or ((tcp or udp) and (" + vips + ")) or ((" + ICMP_ERRORS + ") and (" + vips + " or "
                + String.join(" or ", quoted) + "))";
    }

    private List<String> notes(LiveMonitor.Outcome outcome, LiveStats stats, String bpf, ReopenablePcap writer,
                               IOException writeFailure) {
        List<String> notes = new ArrayList<>();
        notes.add("live capture on " + iface + " (filter: " + (bpf.isBlank() ? "none" : bpf) + "): "
                + outcome.stop().text() + " after " + seconds(outcome.elapsedNanos()) + ", "
                + outcome.frames() + (outcome.frames() == 1 ? " frame" : " frames"));
        double seconds = outcome.elapsedNanos() / (double) NANOS_PER_SECOND;
        notes.add("libpcap: " + stats.received() + " packets received, " + stats.droppedByKernel()
                + " dropped by the kernel, " + stats.droppedByInterface() + " dropped by the interface; "
                + outcome.frames() + " frames analysed"
                + (seconds > 0 ? String.format(Locale.ROOT, " (%.0f frames/s on average, %d at peak)",
                outcome.frames() / seconds, outcome.peakFramesPerSecond()) : ""));
        if (writer != null) {
            notes.add(writeFailure == null ? "saved " + writer.frames() + " frames to " + write
                    : "saving to " + write + " failed after " + writer.frames() + " frames");
        }
        return notes;
    }

    /** A duration as people write it: "5m", "90s", "1.5s", "250ms". */
    static String durationText(long nanos) {
        if (nanos % (60 * NANOS_PER_SECOND) == 0) {
            return nanos / (60 * NANOS_PER_SECOND) + "m";
        }
        if (nanos % NANOS_PER_SECOND == 0) {
            return nanos / NANOS_PER_SECOND + "s";
        }
        return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms" : String.format(Locale.ROOT, "%.3fs",
                nanos / (double) NANOS_PER_SECOND);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / (double) NANOS_PER_SECOND);
    }

    private int listInterfaces(LiveCaptures captures, PrintWriter out, PrintWriter err) {
        List<LiveInterface> interfaces;
        try {
            interfaces = captures.interfaces();
        } catch (LiveCaptureException e) {
            return startFailure(e, "", err);
        }
        int width = 4;
        for (LiveInterface nif : interfaces) {
            width = Math.max(width, nif.name().length());
        }
        for (LiveInterface nif : interfaces) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%-" + width + "s  %-4s", nif.name(), nif.up() ? "up" : "down"));
            if (!nif.addresses().isEmpty()) {
                sb.append("  ").append(String.join(" ", nif.addresses()));
            }
            if (!nif.description().isEmpty()) {
                sb.append("  (").append(nif.description()).append(')');
            }
            out.println(Sanitizer.clean(sb.toString().stripTrailing()));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private int startFailure(LiveCaptureException e, String bpf, PrintWriter err) {
        String line;
        int code = ExitCodes.INPUT;
        switch (e.kind()) {
            case NO_SUCH_INTERFACE -> line = "no such interface: " + iface
                    + (e.interfaces().isEmpty() ? "" : " (interfaces: " + String.join(", ", e.interfaces()) + ")");
            case BAD_FILTER -> {
                line = "invalid --filter '" + bpf + "': " + e.getMessage();
                code = ExitCodes.USAGE;
            }
            case LIBPCAP_MISSING -> line = LIBPCAP_HELP;
            default -> line = "cannot capture on " + iface + ": " + failureText(e, bpf);
        }
        err.println("drcheck: " + Main.oneLine(line));
        err.flush();
        return code;
    }

    private static String failureText(LiveCaptureException e, String bpf) {
        String reason = e.getMessage() == null ? "" : e.getMessage();
        return Main.oneLine(switch (e.kind()) {
            case PERMISSION -> "permission denied (" + reason + "); " + PERMISSION_HELP;
            case LIBPCAP_MISSING -> LIBPCAP_HELP;
            case INTERFACE_DOWN -> "the interface is down or gone (" + reason + ")";
            case BAD_FILTER -> "invalid filter '" + bpf + "': " + reason;
            default -> reason;
        });
    }

    /** {@code 64MiB}, {@code 512KiB}, {@code 1GiB} (or KB/MB/GB, K/M/G, the same powers of 1024) or plain bytes. */
    static final class SizeConverter implements ITypeConverter<Integer> {
        private static final Pattern SIZE = Pattern.compile("(\\d{1,10})\\s*(?:([kmg])(?:i?b)?|b)?");
        private static final long MIN_BYTES = 64 * 1024;
        private static final long MAX_BYTES = 1L << 30;

        @Override
        public Integer convert(String value) {
            Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new TypeConversionException("size: " + value + " (expected: a number of bytes, or with KiB,"
                        + " MiB or GiB, as in 64MiB)");
            }
            long number = Long.parseLong(m.group(1));
            long bytes = Math.min(number, MAX_BYTES + 1) << (m.group(2) == null ? 0 : switch (m.group(2)) {
                case "k" -> 10;
                case "m" -> 20;
                default -> 30;
            });
            if (bytes < MIN_BYTES || bytes > MAX_BYTES) {
                throw new TypeConversionException("size: " + value + " (expected: 64KiB to 1GiB)");
            }
            return (int) bytes;
        }
    }

    /**
     * Where to listen.
     *
     * @param host a host name or address
     * @param port 0 to 65535 (0: the system picks one)
     */
    record ListenAddress(String host, int port) {
        /** As the user wrote it. */
        String text() {
            return host + ":" + port;
        }
    }

    /** {@code HOST:PORT}, also {@code [IPv6]:PORT}. */
    static final class ListenAddressConverter implements ITypeConverter<ListenAddress> {
        private static final Pattern ADDRESS = Pattern.compile("\\[?([^\\[\\]]+?)]?:(\\d{1,5})");

        @Override
        public ListenAddress convert(String value) {
            Matcher m = ADDRESS.matcher(value.trim());
            if (!m.matches() || Integer.parseInt(m.group(2)) > 65_535) {
                throw new TypeConversionException("address: " + value
                        + " (expected: HOST:PORT, as in 127.0.0.1:9469 or 0.0.0.0:9469)");
            }
            return new ListenAddress(m.group(1), Integer.parseInt(m.group(2)));
        }
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 500ms} or plain seconds, as nanoseconds. */
    static final class DurationConverter implements ITypeConverter<Long> {
        private static final Pattern DURATION = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,9})?)\\s*(ms|s|m|h)?");

        @Override
        public Long convert(String value) {
            Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new TypeConversionException("duration: " + value
                        + " (expected: a number with s, m, h or ms, as in 30s or 5m; plain numbers are seconds)");
            }
            double amount = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double seconds = switch (unit) {
                case "ms" -> amount / 1000;
                case "m" -> amount * 60;
                case "h" -> amount * 3600;
                default -> amount;
            };
            return Math.round(seconds * NANOS_PER_SECOND);
        }
    }
}
