package dev.drcheck.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Scales real lab captures into a large classic pcap for benchmarks. Deterministic: the same options and seed
 * give the same bytes.
 *
 * <p>Templates: the TCP flows of the lab captures (grouped by address/port pair, the client being the sender of
 * the first SYN). Each flow is cut into "steps": a frame plus the forwarded copies of it that follow (same IP
 * source, IP id, TCP seq/ack/flags, length; the copy's source MAC is the original's destination MAC), so a
 * forwarded copy always follows its original within the same microsecond, as on a real segment, and never
 * drifts out of drcheck's 200 ms leg-matching window.
 *
 * <p>Replay: {@code --concurrent-flows K} slots each play one flow; each emitted step comes from a slot picked
 * at random (seeded), and a finished flow is replaced at once by a new one, so exactly K flows are open at any
 * time. Flow n gets client address 198.18.0.0/15 + perm(n mod 2^17) and client port 1024 + perm(n / 2^17), so
 * the (address, port) pair is unique for billions of flows. The client address and port are rewritten in every
 * frame of the flow, the client's frames, the director's forwarded copies and the server's replies; the IPv4
 * header checksum and the TCP checksum are updated incrementally (RFC 1624), so tshark and tcpdump see valid
 * packets. Timestamps advance by {@code --frame-gap-ns} (default 1000 ns, i.e. 1 M frames/s) per frame.
 *
 * <p>ARP: the clients are modelled as off-link (behind the lab's client host 192.0.2.10 / 02:00:00:00:00:10
 * acting as their router), so ARP frames are not per client: the lab's ARP frames are replayed unchanged at the
 * start and again every {@code 65536} flows, with fresh timestamps, which keeps the ARP evidence drcheck needs
 * for topology inference in every part of the file.
 *
 * <p>Flood mode ({@code --syn-flood N}): N SYNs to the VIP from N distinct (address, port) sources, each
 * followed by the director's forwarded copy (to rs1 and rs2 in turn, as the lab's director schedules); nothing
 * answers. 2N frames plus the ARP preamble.
 */
public final class CaptureGenerator {
    private static final int ETH_HEADER = 14;
    private static final int ARP_REPLAY_EVERY = 65_536;
    private static final int CLIENT_NET = (198 << 24) | (18 << 16); // 198.18.0.0/15
    private static final int CLIENT_HOSTS = 1 << 17;
    private static final int CLIENT_PORTS = 65_536 - 1024;

    /** A frame of a template flow, with the byte offsets to rewrite (-1 when absent). */
    static final class TFrame {
        final byte[] bytes;
        final int ipOff;
        int clientIpAt = -1;   // offset of the client address in the IP header (src or dst)
        int clientPortAt = -1; // offset of the client port in the TCP header
        final int tcpChecksumAt;

        TFrame(byte[] bytes, int ipOff, int tcpChecksumAt) {
            this.bytes = bytes;
            this.ipOff = ipOff;
            this.tcpChecksumAt = tcpChecksumAt;
        }
    }

    /** A replayable flow: steps of frames emitted back to back. */
    static final class Template {
        final String name;
        final List<TFrame[]> steps = new ArrayList<>();
        int clientIp;
        int clientPort;

        Template(String name) {
            this.name = name;
        }
    }

    private final List<Template> templates = new ArrayList<>();
    private final List<byte[]> arpFrames = new ArrayList<>();
    private TFrame[] synStep; // first SYN + its forwarded copy, for the flood

    public static void main(String[] args) throws IOException {
        long frames = 10_000_000;
        int concurrent = 100_000;
        long seed = 1;
        String mix = "mixed";
        Path out = null;
        long synFlood = -1;
        long gapNs = 1000;
        Path samples = Path.of("sample-pcaps");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--frames" -> frames = parseCount(args[++i]);
                case "--concurrent-flows" -> concurrent = (int) parseCount(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--mix" -> mix = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                case "--syn-flood" -> synFlood = parseCount(args[++i]);
                case "--frame-gap-ns" -> gapNs = Long.parseLong(args[++i]);
                case "--samples" -> samples = Path.of(args[++i]);
                default -> usage("unknown option " + a);
            }
        }
        if (out == null) {
            usage("--out FILE is required");
        }
        if (!mix.equals("healthy") && !mix.equals("mixed")) {
            usage("--mix must be healthy or mixed");
        }
        CaptureGenerator g = new CaptureGenerator();
        g.load(samples.resolve("healthy.pcap"), true);
        if (mix.equals("mixed")) {
            g.load(samples.resolve("port-closed-rs2.pcap"), false);
        }
        long start = System.nanoTime();
        long written;
        try (PcapOut w = new PcapOut(out)) {
            written = synFlood >= 0 ? g.flood(w, synFlood, gapNs) : g.replay(w, frames, concurrent, seed, gapNs);
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.err.printf("wrote %,d frames (%,d bytes) to %s in %.1f s%n", written, Files.size(out), out, s);
    }

    private static long parseCount(String s) {
        s = s.replace("_", "").toLowerCase();
        long mult = 1;
        if (s.endsWith("k")) {
            mult = 1_000;
        } else if (s.endsWith("m")) {
            mult = 1_000_000;
        }
        if (mult != 1) {
            s = s.substring(0, s.length() - 1);
        }
        return Long.parseLong(s) * mult;
    }

    private static void usage(String problem) {
        System.err.println("generator: " + problem);
        System.err.println("usage: CaptureGenerator --out FILE [--frames N] [--concurrent-flows K] [--seed S]"
                + " [--mix healthy|mixed] [--syn-flood N] [--frame-gap-ns G] [--samples DIR]");
        System.exit(2);
    }

    // ---------------------------------------------------------------- loading templates

    /** Reads one lab capture: its TCP flows become templates, its ARP frames the ARP preamble (first file only). */
    void load(Path pcap, boolean keepArp) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap));
        int magic = b.getInt(0);
        if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            throw new IOException(pcap + ": not a classic pcap");
        }
        Map<String, List<TFrame>> flows = new LinkedHashMap<>();
        Map<String, int[]> clients = new LinkedHashMap<>();
        int pos = 24;
        while (pos + 16 <= b.limit()) {
            int caplen = b.getInt(pos + 8);
            byte[] f = new byte[caplen];
            b.get(pos + 16, f);
            pos += 16 + caplen;
            int etherType = u16(f, 12);
            if (etherType == 0x0806) {
                if (keepArp) {
                    arpFrames.add(f);
                }
                continue;
            }
            if (etherType != 0x0800 || f[ETH_HEADER + 9] != 6) {
                continue;
            }
            int ip = ETH_HEADER;
            int ihl = (f[ip] & 0x0f) * 4;
            int tcp = ip + ihl;
            int src = i32(f, ip + 12);
            int dst = i32(f, ip + 16);
            int sport = u16(f, tcp);
            int dport = u16(f, tcp + 2);
            long a = ((long) src << 16) | sport;
            long z = ((long) dst << 16) | dport;
            String key = Math.min(a, z) + "-" + Math.max(a, z);
            int flags = f[tcp + 13] & 0xff;
            if (!clients.containsKey(key)) {
                if ((flags & 0x12) != 0x02) {
                    continue; // the flow started before the capture: no SYN, no client
                }
                clients.put(key, new int[] {src, sport});
                flows.put(key, new ArrayList<>());
            }
            int[] client = clients.get(key);
            TFrame t = new TFrame(f, ip, tcp + 16);
            if (src == client[0] && sport == client[1]) {
                t.clientIpAt = ip + 12;
                t.clientPortAt = tcp;
            } else {
                t.clientIpAt = ip + 16;
                t.clientPortAt = tcp + 2;
            }
            flows.get(key).add(t);
        }
        addTemplates(pcap, flows, clients);
    }

    /** Each flow of one capture becomes a template: its frames in steps, a frame and its forwarded copies each. */
    private void addTemplates(Path pcap, Map<String, List<TFrame>> flows, Map<String, int[]> clients) {
        for (Map.Entry<String, List<TFrame>> e : flows.entrySet()) {
            Template tpl = new Template(pcap.getFileName() + ":" + e.getKey());
            int[] client = clients.get(e.getKey());
            tpl.clientIp = client[0];
            tpl.clientPort = client[1];
            List<TFrame> frames = e.getValue();
            for (int i = 0; i < frames.size(); ) {
                int j = i + 1;
                while (j < frames.size() && isForwardedCopy(frames.get(j - 1), frames.get(j))) {
                    j++;
                }
                tpl.steps.add(frames.subList(i, j).toArray(new TFrame[0]));
                i = j;
            }
            templates.add(tpl);
            if (synStep == null && tpl.steps.get(0).length >= 2) {
                synStep = tpl.steps.get(0);
            }
        }
    }

    /**
     * As drcheck's LegMatcher: same IP header from source to end and TCP numbers; copy leaves from the first's
     * destination MAC.
     */
    private static boolean isForwardedCopy(TFrame first, TFrame next) {
        byte[] x = first.bytes;
        byte[] y = next.bytes;
        if (x.length != y.length) {
            return false;
        }
        for (int k = 0; k < 6; k++) {
            if (y[6 + k] != x[k]) {
                return false; // copy's source MAC must be the original's destination MAC
            }
        }
        for (int k = ETH_HEADER; k < x.length; k++) {
            if (k == ETH_HEADER + 8 || k == ETH_HEADER + 10 || k == ETH_HEADER + 11) {
                continue; // TTL and header checksum may change on a hop
            }
            if (x[k] != y[k]) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- replay

    long replay(PcapOut w, long targetFrames, int concurrent, long seed, long gapNs) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        int nT = templates.size();
        int[] slotTemplate = new int[concurrent];
        int[] slotStep = new int[concurrent];
        int[] slotIp = new int[concurrent];
        int[] slotPort = new int[concurrent];
        long hostMul = (rnd.nextInt(CLIENT_HOSTS / 2) * 2L + 1);  // odd: a permutation of 2^17 hosts
        long hostAdd = rnd.nextInt(CLIENT_HOSTS);
        long portAdd = rnd.nextInt(CLIENT_PORTS);
        long nextFlow = 0;
        long t = 1_700_000_000_000_000_000L; // 2023-11-14, in ns
        long written = 0;
        written += writeArp(w, t);
        t += gapNs * written;
        for (int s = 0; s < concurrent; s++) {
            long n = nextFlow++;
            slotTemplate[s] = rnd.nextInt(nT);
            slotStep[s] = 0;
            slotIp[s] = CLIENT_NET | (int) (((n & (CLIENT_HOSTS - 1)) * hostMul + hostAdd) & (CLIENT_HOSTS - 1));
            slotPort[s] = 1024 + (int) (((n >>> 17) + portAdd) % CLIENT_PORTS);
        }
        while (written < targetFrames) {
            int s = rnd.nextInt(concurrent);
            Template tpl = templates.get(slotTemplate[s]);
            TFrame[] step = tpl.steps.get(slotStep[s]);
            for (TFrame f : step) {
                if (written >= targetFrames) {
                    break;
                }
                w.write(f, tpl.clientIp, tpl.clientPort, slotIp[s], slotPort[s], t);
                t += gapNs;
                written++;
            }
            if (++slotStep[s] == tpl.steps.size()) {
                long n = nextFlow++;
                if (n % ARP_REPLAY_EVERY == 0) {
                    int arp = writeArp(w, t);
                    written += arp;
                    t += gapNs * arp;
                }
                slotTemplate[s] = rnd.nextInt(nT);
                slotStep[s] = 0;
                slotIp[s] = CLIENT_NET | (int) (((n & (CLIENT_HOSTS - 1)) * hostMul + hostAdd) & (CLIENT_HOSTS - 1));
                slotPort[s] = 1024 + (int) (((n >>> 17) + portAdd) % CLIENT_PORTS);
            }
        }
        System.err.printf("replay: %d templates, %,d flows started, %,d concurrent%n", nT, nextFlow, concurrent);
        return written;
    }

    long flood(PcapOut w, long syns, long gapNs) throws IOException {
        if (synStep == null) {
            throw new IOException("no SYN with a forwarded copy in the lab captures");
        }
        // The RS MACs the lab's director forwards to (destination MACs of forwarded SYN copies).
        List<byte[]> rsMacs = new ArrayList<>();
        for (Template tpl : templates) {
            TFrame[] first = tpl.steps.get(0);
            if (first.length >= 2) {
                byte[] mac = java.util.Arrays.copyOfRange(first[1].bytes, 0, 6);
                if (rsMacs.stream().noneMatch(m -> java.util.Arrays.equals(m, mac))) {
                    rsMacs.add(mac);
                }
            }
        }
        TFrame client = synStep[0];
        TFrame[] copies = new TFrame[rsMacs.size()];
        for (int i = 0; i < copies.length; i++) {
            byte[] b = synStep[1].bytes.clone();
            System.arraycopy(rsMacs.get(i), 0, b, 0, 6);
            copies[i] = new TFrame(b, synStep[1].ipOff, synStep[1].tcpChecksumAt);
            copies[i].clientIpAt = synStep[1].clientIpAt;
            copies[i].clientPortAt = synStep[1].clientPortAt;
        }
        int ip0 = i32(client.bytes, client.clientIpAt);
        int port0 = u16(client.bytes, client.clientPortAt);
        long t = 1_700_000_000_000_000_000L;
        long written = writeArp(w, t);
        t += gapNs * written;
        for (long n = 0; n < syns; n++) {
            int ip = CLIENT_NET | (int) (n & (CLIENT_HOSTS - 1));
            int port = 1024 + (int) ((n >>> 17) % CLIENT_PORTS);
            w.write(client, ip0, port0, ip, port, t);
            t += gapNs;
            w.write(copies[(int) (n % copies.length)], ip0, port0, ip, port, t);
            t += gapNs;
            written += 2;
        }
        System.err.printf("flood: %,d SYNs from distinct sources, forwarded to %d real servers%n", syns, copies.length);
        return written;
    }

    private int writeArp(PcapOut w, long t) throws IOException {
        for (byte[] f : arpFrames) {
            w.writeRaw(f, t);
            t += 1;
        }
        return arpFrames.size();
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    static int i32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    // ---------------------------------------------------------------- writing

    /** A classic little-endian microsecond pcap written through one large buffer. */
    static final class PcapOut implements AutoCloseable {
        private final FileChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocateDirect(16 << 20).order(ByteOrder.LITTLE_ENDIAN);
        private final byte[] scratch = new byte[65_536];

        PcapOut(Path file) throws IOException {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            buf.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                    .putInt(262_144).putInt(1);
        }

        private void header(long tNanos, int len) throws IOException {
            if (buf.remaining() < 16 + len) {
                flush();
            }
            buf.putInt((int) (tNanos / 1_000_000_000L)).putInt((int) (tNanos % 1_000_000_000L / 1000))
                    .putInt(len).putInt(len);
        }

        void writeRaw(byte[] f, long tNanos) throws IOException {
            header(tNanos, f.length);
            buf.put(f);
        }

        /** Writes a template frame with the client address and port replaced, checksums updated. */
        void write(TFrame f, int oldIp, int oldPort, int newIp, int newPort, long tNanos) throws IOException {
            byte[] b = scratch;
            int len = f.bytes.length;
            System.arraycopy(f.bytes, 0, b, 0, len);
            putI32(b, f.clientIpAt, newIp);
            putU16(b, f.clientPortAt, newPort);
            // RFC 1624 incremental update: HC' = ~(~HC + ~m + m')
            int ipSum = ~u16(b, f.ipOff + 10) & 0xffff;
            ipSum += (~(oldIp >>> 16) & 0xffff) + (newIp >>> 16) + (~oldIp & 0xffff) + (newIp & 0xffff);
            putU16(b, f.ipOff + 10, ~fold(ipSum) & 0xffff);
            if (f.tcpChecksumAt + 2 <= len) {
                int tcpSum = ~u16(b, f.tcpChecksumAt) & 0xffff;
                tcpSum += (~(oldIp >>> 16) & 0xffff) + (newIp >>> 16) + (~oldIp & 0xffff) + (newIp & 0xffff)
                        + (~oldPort & 0xffff) + newPort;
                putU16(b, f.tcpChecksumAt, ~fold(tcpSum) & 0xffff);
            }
            header(tNanos, len);
            buf.put(b, 0, len);
        }

        private static int fold(int sum) {
            while ((sum >>> 16) != 0) {
                sum = (sum & 0xffff) + (sum >>> 16);
            }
            return sum;
        }

        private static void putI32(byte[] b, int at, int v) {
            b[at] = (byte) (v >>> 24);
            b[at + 1] = (byte) (v >>> 16);
            b[at + 2] = (byte) (v >>> 8);
            b[at + 3] = (byte) v;
        }

        private static void putU16(byte[] b, int at, int v) {
            b[at] = (byte) (v >>> 8);
            b[at + 1] = (byte) v;
        }

        private void flush() throws IOException {
            buf.flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            buf.clear();
        }

        @Override
        public void close() throws IOException {
            flush();
            ch.close();
        }
    }
}
