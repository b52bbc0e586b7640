package dev.drcheck.core.report;

import dev.drcheck.core.capture.CaptureDamage;
import dev.drcheck.core.capture.SkippedRange;
import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.finding.Host;
import dev.drcheck.core.frame.Evidence;
import dev.drcheck.core.frame.FrameRef;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import dev.drcheck.core.topology.Director;
import dev.drcheck.core.topology.DrTopology;
import dev.drcheck.core.topology.Provenance;
import dev.drcheck.core.topology.RealServer;
import dev.drcheck.core.topology.Vip;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link Report} as one pretty-printed JSON document (2-space indent), without any JSON library.
 *
 * <p>The schema is documented in {@code docs/json-report.md}. Every string is escaped so that the output is
 * valid JSON and carries no raw control character: quote and backslash are escaped, and every character
 * {@link UnsafeCharacters} names (controls, separators, bidirectional formatting) and every lone surrogate is
 * written as {@code \}{@code uXXXX}, so no terminal escape sequence can come out of capture data.
 */
public final class JsonReportWriter {
    private static final DateTimeFormatter ISO_NANOS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final String INDENT = "  ";
    /** The depth that writes a value on one line, without indentation. */
    private static final int COMPACT = Integer.MIN_VALUE;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonReportWriter() {
    }

    /**
     * Writes {@code report} to {@code out} as one JSON document followed by a newline.
     *
     * @throws IOException when {@code out} fails
     */
    public static void write(Report report, Appendable out) throws IOException {
        writeValue(toTree(report), out, 0);
        out.append('\n');
    }

    /**
     * Writes {@code report} as one line, {@code {"event":"report",...}} and a newline, for JSON Lines output
     * ({@code --format jsonl}).
     *
     * @throws IOException when {@code out} fails
     */
    public static void writeLine(Report report, Appendable out) throws IOException {
        Map<String, Object> line = object();
        line.put("event", "report");
        line.putAll(toTree(report));
        writeValue(line, out, COMPACT);
        out.append('\n');
    }

    /**
     * Writes a finding's transition ({@link FindingLifecycle}) as one line and a newline:
     * {@code {"event":"raised"|"cleared","time":...,"episodeCount":N,"finding":{...}}}, the finding as in the report.
     *
     * @param timeNanos when it happened (wall clock, nanoseconds since the Unix epoch)
     * @param captures the capture names, as the report's
     * @throws IOException when {@code out} fails
     */
    public static void writeTransition(FindingLifecycle.Transition transition, long timeNanos, List<String> captures,
                                       Appendable out) throws IOException {
        Map<String, Object> line = object();
        line.put("event", transition.kind() == FindingLifecycle.Kind.RAISED ? "raised" : "cleared");
        line.put("time", isoTime(timeNanos));
        line.put("episodeCount", transition.episodeCount());
        line.put("finding", finding(transition.finding(), captures));
        writeValue(line, out, COMPACT);
        out.append('\n');
    }

    /** The report as a JSON string; see {@link #write(Report, Appendable)}. */
    public static String toJson(Report report) {
        StringBuilder sb = new StringBuilder(4096);
        try {
            write(report, sb);
        } catch (IOException e) {
            throw new IllegalStateException("StringBuilder cannot fail", e);
        }
        return sb.toString();
    }

    /**
     * Formats a capture time as ISO-8601 UTC with nanoseconds, e.g. {@code 2026-11-22T02:30:01.123456000Z}.
     */
    public static String isoTime(long timestampNanos) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(timestampNanos, NANOS_PER_SECOND),
                Math.floorMod(timestampNanos, NANOS_PER_SECOND));
        return ISO_NANOS.format(instant);
    }

    /** The verdict word ({@link Report#verdict()}): error, warning, incomplete, info or ok. */
    public static String verdict(Report report) {
        return report.verdict().id();
    }

    private static Map<String, Object> loss(LossStats loss) {
        Map<String, Object> node = object();
        node.put("droppedByKernel", loss.droppedByKernel());
        node.put("droppedByInterface", loss.droppedByInterface());
        node.put("flowsLeftOutForLoss", loss.flowsLeftOutForLoss());
        node.put("flowsWithGaps", loss.flowsWithGaps());
        node.put("icmpErrorsLeftOut", loss.icmpErrorsLeftOut());
        return node;
    }

    // ---- model to tree: LinkedHashMap (object), List (array), String, Number, Boolean, null ----

    private static Map<String, Object> toTree(Report report) {
        Map<String, Object> root = object();
        root.put("capture", report.stats().captureName());
        root.put("verdict", verdict(report));
        List<String> captures = report.stats().captures();
        root.put("topology", topology(report.topology(), captures));
        List<Object> findings = new ArrayList<>();
        for (Finding finding : report.findings()) {
            findings.add(finding(finding, captures));
        }
        root.put("findings", findings);
        List<Object> realServers = new ArrayList<>();
        for (RealServerStats rs : report.realServers()) {
            Map<String, Object> row = object();
            row.put("mac", rs.realServer().macText());
            row.put("ip", ip(rs.realServer()));
            row.put("flows", rs.flows());
            row.put("handshakesCompleted", rs.handshakesCompleted());
            row.put("synsUnanswered", rs.synsUnanswered());
            row.put("resets", rs.resets());
            realServers.add(row);
        }
        root.put("realServers", realServers);
        root.put("services", services(report.services()));
        root.put("vipOwners", vipOwners(report.vipOwners(), captures));
        root.put("notObserved", new ArrayList<Object>(report.notObserved()));
        root.put("stats", stats(report.stats()));
        return root;
    }

    private static List<Object> services(List<ServiceStats> services) {
        List<Object> rows = new ArrayList<>();
        for (ServiceStats service : services) {
            Map<String, Object> row = object();
            row.put("vip", Ipv4.format(service.vip()));
            row.put("port", service.port());
            row.put("mac", service.realServer().macText());
            row.put("ip", ip(service.realServer()));
            row.put("flows", service.flows());
            row.put("handshakesCompleted", service.handshakesCompleted());
            row.put("synsUnanswered", service.synsUnanswered());
            row.put("resets", service.resets());
            rows.add(row);
        }
        return rows;
    }

    private static List<Object> vipOwners(List<VipOwner> owners, List<String> captures) {
        List<Object> rows = new ArrayList<>();
        for (VipOwner owner : owners) {
            Map<String, Object> row = object();
            row.put("vip", Ipv4.format(owner.vip()));
            row.put("mac", Mac.format(owner.mac()));
            row.put("frame", FrameRef.frame(owner.frame()));
            row.put("capture", captureName(captures, FrameRef.source(owner.frame())));
            row.put("time", isoTime(owner.timestampNanos()));
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> topology(DrTopology topology, List<String> captures) {
        Map<String, Object> node = object();
        List<Object> vips = new ArrayList<>();
        for (Vip vip : topology.vips()) {
            Map<String, Object> v = object();
            v.put("ip", Ipv4.format(vip.ip()));
            v.put("ports", new ArrayList<Object>(vip.ports()));
            v.put("provenance", provenance(vip.provenance(), captures));
            vips.add(v);
        }
        node.put("vips", vips);
        List<Object> directors = new ArrayList<>();
        for (Director director : topology.directors()) {
            Map<String, Object> d = object();
            d.put("mac", Mac.format(director.mac()));
            d.put("provenance", provenance(director.provenance(), captures));
            directors.add(d);
        }
        node.put("directors", directors);
        List<Object> realServers = new ArrayList<>();
        for (RealServer rs : topology.realServers()) {
            Map<String, Object> r = object();
            r.put("mac", rs.host().macText());
            r.put("ip", ip(rs.host()));
            r.put("provenance", provenance(rs.provenance(), captures));
            realServers.add(r);
        }
        node.put("realServers", realServers);
        node.put("notes", new ArrayList<Object>(topology.notes()));
        return node;
    }

    private static Map<String, Object> provenance(Provenance provenance, List<String> captures) {
        Map<String, Object> node = object();
        node.put("given", provenance.given());
        node.put("how", provenance.how());
        List<Object> frames = new ArrayList<>();
        for (long ref : provenance.frames()) {
            Map<String, Object> frame = object();
            frame.put("frame", FrameRef.frame(ref));
            frame.put("capture", captureName(captures, FrameRef.source(ref)));
            frames.add(frame);
        }
        node.put("frames", frames);
        return node;
    }

    private static String captureName(List<String> captures, int source) {
        return source < captures.size() ? captures.get(source) : "capture " + source;
    }

    private static Map<String, Object> finding(Finding finding, List<String> captures) {
        Map<String, Object> node = object();
        node.put("id", finding.checkId());
        node.put("severity", finding.severity().id());
        Map<String, Object> culprit = object();
        culprit.put("mac", finding.culprit().macText());
        culprit.put("ip", ip(finding.culprit()));
        node.put("culprit", culprit);
        node.put("message", finding.message());
        node.put("count", finding.count());
        List<Object> evidence = new ArrayList<>();
        for (Evidence e : finding.evidence()) {
            Map<String, Object> item = object();
            item.put("frame", e.frame());
            item.put("capture", captureName(captures, e.source()));
            item.put("time", isoTime(e.timestampNanos()));
            item.put("timestampNanos", e.timestampNanos());
            evidence.add(item);
        }
        node.put("evidence", evidence);
        node.put("fix", finding.fix());
        return node;
    }

    private static Map<String, Object> stats(CaptureStats stats) {
        Map<String, Object> node = object();
        node.put("frames", stats.frames());
        node.put("captures", new ArrayList<Object>(stats.captures()));
        node.put("arpFrames", stats.arpFrames());
        node.put("tcpFrames", stats.tcpFrames());
        node.put("udpFrames", stats.udpFrames());
        node.put("icmpFrames", stats.icmpFrames());
        node.put("otherFrames", stats.otherFrames());
        boolean anyFrame = stats.frames() > 0;
        node.put("firstTime", anyFrame ? isoTime(stats.firstTimestampNanos()) : null);
        node.put("lastTime", anyFrame ? isoTime(stats.lastTimestampNanos()) : null);
        node.put("tcpFlows", stats.tcpFlows());
        node.put("forwardedPairs", stats.forwardedPairs());
        // Sorted by id so that the output is stable whatever map the stats hold.
        node.put("readerNotes", new ArrayList<Object>(stats.readerNotes()));
        node.put("tableLimits", new TreeMap<String, Object>(stats.tableLimits()));
        node.put("loss", loss(stats.loss()));
        node.put("anomalies", new TreeMap<String, Object>(stats.anomalies()));
        if (stats.damage().isPresent()) {
            CaptureDamage damage = stats.damage().get();
            Map<String, Object> d = object();
            d.put("afterFrame", damage.afterFrame());
            d.put("byteOffset", damage.byteOffset());
            d.put("description", damage.description());
            node.put("damage", d);
        } else {
            node.put("damage", null);
        }
        List<Object> skipped = new ArrayList<>();
        for (SkippedRange range : stats.skippedRanges()) {
            Map<String, Object> r = object();
            r.put("afterFrame", range.afterFrame());
            r.put("from", range.fromOffset());
            r.put("to", range.toOffset());
            r.put("framesLost", range.framesLostKnown() ? range.framesLost() : null);
            r.put("description", range.description());
            skipped.add(r);
        }
        node.put("skippedRanges", skipped);
        return node;
    }

    private static String ip(Host host) {
        return host.ipKnown() ? Ipv4.format(host.ip()) : null;
    }

    private static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }

    // ---- tree to text ----

    private static void writeValue(Object value, Appendable out, int depth) throws IOException {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Long || value instanceof Integer) {
            out.append(value.toString());
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map, out, depth);
        } else if (value instanceof List<?> list) {
            writeArray(list, out, depth);
        } else {
            throw new IllegalArgumentException("JSON value: " + value.getClass().getName()
                    + " (expected: String, Boolean, Long, Integer, Map, List or null)");
        }
    }

    private static void writeObject(Map<?, ?> map, Appendable out, int depth) throws IOException {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        boolean compact = depth == COMPACT;
        out.append(compact ? "{" : "{\n");
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(compact ? "," : ",\n");
            }
            first = false;
            indent(out, depth + 1);
            writeString(String.valueOf(entry.getKey()), out);
            out.append(compact ? ":" : ": ");
            writeValue(entry.getValue(), out, compact ? COMPACT : depth + 1);
        }
        if (!compact) {
            out.append('\n');
            indent(out, depth);
        }
        out.append('}');
    }

    private static void writeArray(List<?> list, Appendable out, int depth) throws IOException {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        boolean compact = depth == COMPACT;
        out.append(compact ? "[" : "[\n");
        boolean first = true;
        for (Object item : list) {
            if (!first) {
                out.append(compact ? "," : ",\n");
            }
            first = false;
            indent(out, depth + 1);
            writeValue(item, out, compact ? COMPACT : depth + 1);
        }
        if (!compact) {
            out.append('\n');
            indent(out, depth);
        }
        out.append(']');
    }

    private static void indent(Appendable out, int depth) throws IOException {
        for (int i = 0; i < depth; i++) {
            out.append(INDENT);
        }
    }

    /** Writes {@code s} as a quoted JSON string, escaping as described in the class comment. */
    static void writeString(String s, Appendable out) throws IOException {
        out.append('"');
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                out.append("\\\"");
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (UnsafeCharacters.isUnsafe(c)) {
                unicodeEscape(c, out);
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                    out.append(c).append(s.charAt(i + 1));
                    i++;
                } else {
                    unicodeEscape(c, out);
                }
            } else if (Character.isLowSurrogate(c)) {
                unicodeEscape(c, out);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(char c, Appendable out) throws IOException {
        out.append("\\u")
                .append(HEX[(c >>> 12) & 0xf])
                .append(HEX[(c >>> 8) & 0xf])
                .append(HEX[(c >>> 4) & 0xf])
                .append(HEX[c & 0xf]);
    }
}
