package dev.drcheck.cli;

import dev.drcheck.core.capture.CaptureLoss;
import dev.drcheck.core.capture.CaptureSink;
import dev.drcheck.core.capture.CapturedFrame;
import dev.drcheck.core.capture.LiveCaptureException;
import dev.drcheck.core.capture.LiveFrameSource;
import dev.drcheck.core.capture.LiveStats;
import dev.drcheck.core.engine.AnalysisSession;
import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import dev.drcheck.core.report.FindingLifecycle;
import dev.drcheck.core.report.JsonReportWriter;
import dev.drcheck.core.report.Report;
import dev.drcheck.core.topology.Director;
import dev.drcheck.core.topology.DrTopology;
import dev.drcheck.core.topology.RealServer;
import dev.drcheck.core.topology.Vip;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The streaming part of {@code drcheck live}: feeds frames from a {@link LiveFrameSource} into an
 * {@link AnalysisSession} (and the {@code --write} file), and every status interval takes a
 * {@link AnalysisSession#snapshot() snapshot} to print what is new: the topology when it becomes known or
 * changes, each finding when it is raised and when it is cleared ({@link FindingLifecycle}: keyed by check id and
 * culprit MAC, cleared when its count has not grown for the clear-after period), and to update the Prometheus
 * metrics when they are served. On a terminal a status line on standard error is rewritten in place. It stops on
 * the duration, the frame count, {@link #requestStop()} (Ctrl-C, SIGTERM) or a capture failure; then it analyses
 * what the capture still buffered, and the caller finishes the session and prints the final report.
 *
 * <p>Runs on the calling thread, which alone polls the source and touches the session; only {@link #requestStop()}
 * may be called from another thread. Losses the source reports go to the session as they come, so that flows they
 * may have changed are left out of the checks.
 */
final class LiveMonitor implements CaptureSink {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** How long the frames a stopped capture still buffers are analysed at most. */
    static final long DRAIN_NANOS = 10 * NANOS_PER_SECOND;

    /** Why the capture stopped. */
    enum Stop {
        /** {@code --duration} elapsed. */
        DURATION("--duration elapsed"),
        /** {@code --count} frames were captured. */
        COUNT("--count frames captured"),
        /** Ctrl-C. */
        INTERRUPTED("interrupted"),
        /** The capture failed (the interface went down). */
        FAILED("capture failed");

        private final String text;

        Stop(String text) {
            this.text = text;
        }

        /** Why, in words. */
        String text() {
            return text;
        }
    }

    /**
     * When to stop and how often to report.
     *
     * @param durationNanos stop after this long; 0 for no limit
     * @param count stop after this many frames; 0 for no limit
     * @param statusIntervalNanos how often to take a snapshot (new findings, status line)
     * @param clearAfterNanos how long a finding's count must stay unchanged before it is cleared
     */
    record Limits(long durationNanos, long count, long statusIntervalNanos, long clearAfterNanos) {
    }

    /**
     * Where the monitor's output goes.
     *
     * @param writer where to save every frame ({@code --write}), or null
     * @param lines where topology and finding lines go
     * @param status where the status line goes (a terminal), or null for none
     * @param metrics the Prometheus metrics to keep up to date, or null
     * @param evidence the flight recorder that saves the frames around each raised finding, or null
     * @param events where each finding raised or cleared goes as a JSON line ({@code --format jsonl}), or null
     */
    record Outputs(ReopenablePcap writer, PrintWriter lines, PrintWriter status, LiveMetrics metrics,
                   EvidenceRecorder evidence, PrintWriter events) {
    }

    /**
     * How the capture ended.
     *
     * @param stop why it stopped
     * @param frames frames captured (handed to the analysis)
     * @param elapsedNanos how long it captured, until it stopped (the analysis of what it still buffered follows)
     * @param failure the capture failure, for {@link Stop#FAILED}; otherwise null
     * @param writeFailure why writing {@code --write} failed, or null
     * @param peakFramesPerSecond the most frames analysed per second over one status interval
     */
    record Outcome(Stop stop, long frames, long elapsedNanos, LiveCaptureException failure, IOException writeFailure,
                   long peakFramesPerSecond) {
    }

    private final LiveFrameSource source;
    private final AnalysisSession session;
    private final LiveClock clock;
    private final Limits limits;
    private final ReopenablePcap writer;
    private final PrintWriter lines;
    private final PrintWriter status;
    private final EvidenceRecorder evidence;
    private final PrintWriter events;
    private final ConfigWatcher config;
    private final FindingLifecycle lifecycle;
    private final LiveMetrics metrics;
    private volatile boolean stopRequested;
    private volatile boolean reopenRequested;
    private String printedTopology = "";
    private int statusWidth;
    private long frames;
    private IOException writeFailure;
    private long start;
    private long lastUpdate;
    private long framesAtLastUpdate;
    private long peakFramesPerSecond;

    /**
     * @param outputs where frames, lines, the status line, metrics and evidence go
     * @param config the cluster configuration to re-read when it changes, or null
     */
    LiveMonitor(LiveFrameSource source, AnalysisSession session, LiveClock clock, Limits limits, Outputs outputs,
                ConfigWatcher config) {
        this.source = source;
        this.session = session;
        this.clock = clock;
        this.limits = limits;
        this.writer = outputs.writer();
        this.lines = outputs.lines();
        this.status = outputs.status();
        this.metrics = outputs.metrics();
        this.evidence = outputs.evidence();
        this.events = outputs.events();
        this.config = config;
        this.lifecycle = new FindingLifecycle(limits.clearAfterNanos());
    }

    /** Asks the capture to stop soon; safe from any thread (a signal handler's). */
    void requestStop() {
        stopRequested = true;
        source.stop();
    }

    /** Asks for the {@code --write} file to be closed and opened again (SIGHUP); safe from any thread. */
    void requestReopen() {
        reopenRequested = true;
    }

    /**
     * Captures until a limit, {@link #requestStop()} or a failure; then analyses what the capture still buffered
     * (for at most {@link #DRAIN_NANOS}) and clears the status line.
     */
    Outcome run() {
        start = clock.nanoTime();
        lastUpdate = start;
        long nextStatus = start + limits.statusIntervalNanos();
        Stop stop = null;
        LiveCaptureException failure = null;
        while (stop == null) {
            try {
                source.poll(this);
            } catch (IOException e) {
                failure = e instanceof LiveCaptureException live ? live
                        : new LiveCaptureException(LiveCaptureException.Kind.FAILED, e.getMessage());
                stop = Stop.FAILED;
                break;
            }
            if (reopenRequested) {
                reopen();
            }
            long now = clock.nanoTime();
            stop = limitReached(now);
            if (stop == null && now - nextStatus >= 0) {
                update(now);
                nextStatus = now + limits.statusIntervalNanos();
            }
        }
        long elapsed = clock.nanoTime() - start;
        if (stop != Stop.FAILED) {
            drain();
        }
        clearStatus();
        return new Outcome(stop, frames, elapsed, failure, writeFailure, peakFramesPerSecond);
    }

    private Stop limitReached(long now) {
        if (limits.count() > 0 && frames >= limits.count()) {
            return Stop.COUNT;
        }
        if (limits.durationNanos() > 0 && now - start >= limits.durationNanos()) {
            return Stop.DURATION;
        }
        return stopRequested ? Stop.INTERRUPTED : null;
    }

    /** Stops the capture and analyses what it had captured but not yet handed over. */
    private void drain() {
        source.stop();
        long deadline = clock.nanoTime() + DRAIN_NANOS;
        try {
            while (source.poll(this) > 0 && clock.nanoTime() - deadline < 0) {
                // each poll hands a batch to onFrame
            }
        } catch (IOException e) {
            // the capture already stopped; what was handed over is analysed
        }
    }

    @Override
    public void onFrame(CapturedFrame frame) {
        if (limits.count() > 0 && frames >= limits.count()) {
            return;
        }
        frames++;
        if (writer != null && writeFailure == null) {
            try {
                writer.write(frame);
            } catch (IOException e) {
                writeFailure = e;
            }
        }
        if (evidence != null) {
            evidence.add(frame);
        }
        session.accept(frame);
    }

    @Override
    public void onLoss(CaptureLoss loss) {
        session.onLoss(loss);
    }

    /** Takes a snapshot: prints what is new, rewrites the status line. */
    private void update(long now) {
        if (now > lastUpdate) {
            long rate = Math.round((frames - framesAtLastUpdate) * (double) NANOS_PER_SECOND / (now - lastUpdate));
            peakFramesPerSecond = Math.max(peakFramesPerSecond, rate);
        }
        lastUpdate = now;
        framesAtLastUpdate = frames;
        boolean cleared = reloadConfig();
        Report snapshot = session.snapshot();
        String topology = topologyLine(snapshot.topology());
        if (!topology.isEmpty() && !topology.equals(printedTopology)) {
            cleared = clearStatus();
            lines.println(topology);
            printedTopology = topology;
        }
        List<FindingLifecycle.Transition> transitions = lifecycle.update(snapshot, now);
        for (FindingLifecycle.Transition transition : transitions) {
            if (!cleared) {
                cleared = clearStatus();
            }
            if (transition.kind() == FindingLifecycle.Kind.RAISED) {
                lines.println(findingLine(transition.finding()));
                saveEvidence(transition.finding());
            } else {
                lines.println(clearedLine(transition, limits.clearAfterNanos()));
            }
            writeEvent(transition);
        }
        lines.flush();
        if (metrics != null) {
            metrics.update(snapshot, transitions, lifecycle.active(), source.stats(), frames, session.liveFlows());
        }
        if (status != null) {
            String text = statusText(now, snapshot);
            StringBuilder sb = new StringBuilder("\r").append(text);
            for (int i = text.length(); i < statusWidth; i++) {
                sb.append(' ');
            }
            status.print(sb);
            status.flush();
            statusWidth = text.length();
        }
    }

    /** Starts the {@code --write} file anew at its path, after SIGHUP, and says so in one line. */
    private void reopen() {
        reopenRequested = false;
        if (writer == null || writeFailure != null) {
            return;
        }
        clearStatus();
        try {
            writer.reopen();
            lines.println("SIGHUP: the --write file was started anew");
        } catch (IOException e) {
            writeFailure = e;
        }
        lines.flush();
    }

    /** Re-reads the cluster configuration when it changed; returns true when it printed a line. */
    private boolean reloadConfig() {
        ConfigWatcher.Change change = config == null ? null : config.poll();
        if (change == null) {
            return false;
        }
        clearStatus();
        String file = Sanitizer.clean(config.file().toString());
        if (change.overrides() != null) {
            session.useOverrides(change.overrides());
            lines.println("Configuration re-read from " + file);
        } else {
            lines.println("Configuration not re-read from " + file + ": " + Sanitizer.clean(change.problem())
                    + " (the one read before stays in use)");
        }
        return true;
    }

    /** Writes a transition as a JSON line, when JSON Lines are asked for. */
    private void writeEvent(FindingLifecycle.Transition transition) {
        if (events == null) {
            return;
        }
        try {
            JsonReportWriter.writeTransition(transition, System.currentTimeMillis() * 1_000_000L,
                    List.of(source.name()), events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        events.flush();
    }

    /** Writes the frames around a raised finding's evidence, and says where (or why not) in one line. */
    private void saveEvidence(Finding finding) {
        if (evidence == null) {
            return;
        }
        try {
            Path file = evidence.save(finding, System.currentTimeMillis());
            lines.println(file == null ? "  evidence not saved: " + EvidenceRecorder.MAX_FILES + " files written"
                    + " already in this run" : "  evidence: " + Sanitizer.clean(file.toString()));
        } catch (IOException e) {
            lines.println("  evidence not saved: " + Sanitizer.clean(Main.oneLine(String.valueOf(e.getMessage()))));
        }
    }

    /** The one line announcing a finding: severity, check id, message. */
    static String findingLine(Finding finding) {
        return "[" + finding.severity().name() + "] " + Sanitizer.clean(finding.checkId()) + ": "
                + Sanitizer.clean(finding.message());
    }

    /** The one line announcing that a finding no longer stands: check id, culprit, its count in the episode. */
    static String clearedLine(FindingLifecycle.Transition transition, long clearAfterNanos) {
        Finding finding = transition.finding();
        return Sanitizer.clean("[CLEARED] " + finding.checkId() + ": " + finding.culprit() + ": nothing new for "
                + LiveCommand.durationText(clearAfterNanos) + " (" + transition.episodeCount()
                + (transition.episodeCount() == 1 ? " occurrence" : " occurrences") + " in this episode)");
    }

    /** The one line naming the topology, or "" while no VIP is known. */
    static String topologyLine(DrTopology topology) {
        if (!topology.isKnown()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("Topology: ");
        sb.append(topology.vips().size() == 1 ? "VIP " : "VIPs ")
                .append(topology.vips().stream().map(LiveMonitor::vipText).collect(Collectors.joining(", ")));
        List<Director> directors = topology.directors();
        sb.append("; ").append(directors.size() == 1 ? "director " : "directors ");
        sb.append(directors.isEmpty() ? "unknown"
                : directors.stream().map(d -> Mac.format(d.mac())).collect(Collectors.joining(", ")));
        List<RealServer> servers = topology.realServers();
        sb.append("; ").append(servers.size() == 1 ? "real server " : "real servers ");
        sb.append(servers.isEmpty() ? "unknown"
                : servers.stream().map(rs -> hostText(rs.host())).collect(Collectors.joining(", ")));
        return Sanitizer.clean(sb.toString());
    }

    private static String vipText(Vip vip) {
        String ip = Ipv4.format(vip.ip());
        if (vip.ports().isEmpty()) {
            return ip;
        }
        return ip + (vip.ports().size() == 1 ? " port " : " ports ")
                + vip.ports().stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String hostText(Host host) {
        return host.ipKnown() ? host.macText() + " (" + host.ipText() + ")" : host.macText();
    }

    private String statusText(long now, Report snapshot) {
        LiveStats stats = source.stats();
        long elapsed = now - start;
        long seconds = elapsed / NANOS_PER_SECOND;
        long framesPerSecond = elapsed > 0 ? Math.round(frames * (double) NANOS_PER_SECOND / elapsed) : 0;
        return String.format(Locale.ROOT, "%02d:%02d:%02d  %d frames analysed (%d/s)  received %d, dropped %d by"
                        + " kernel, %d by interface  %d flows open  %s", seconds / 3600, seconds / 60 % 60,
                seconds % 60, frames, framesPerSecond, stats.received(), stats.droppedByKernel(),
                stats.droppedByInterface(), session.liveFlows(), severities(snapshot));
    }

    private static String severities(Report report) {
        return report.count(Severity.ERROR) + " errors, " + report.count(Severity.WARNING) + " warnings, "
                + report.count(Severity.INFO) + " info";
    }

    /** Erases the status line, if one is shown; returns true (so callers erase once per update). */
    private boolean clearStatus() {
        if (status != null && statusWidth > 0) {
            status.print("\r" + " ".repeat(statusWidth) + "\r");
            status.flush();
            statusWidth = 0;
        }
        return true;
    }
}
