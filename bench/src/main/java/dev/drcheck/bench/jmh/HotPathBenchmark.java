package dev.drcheck.bench.jmh;

import dev.drcheck.core.capture.CapturedFrame;
import dev.drcheck.core.capture.LinkType;
import dev.drcheck.core.decode.DecodedFrame;
import dev.drcheck.core.decode.FrameDecoder;
import dev.drcheck.core.engine.AnalysisSession;
import dev.drcheck.core.topology.TopologyOverrides;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The per-frame hot path without I/O: frames of a generated capture are loaded once into one big byte[], and
 * each operation points a reused {@link CapturedFrame} at the next one and hands it to
 * {@link AnalysisSession#accept} (decode + leg matching + flow tracking + ARP/ledger bookkeeping), exactly what
 * the file reader's loop does per frame. One operation = one frame; run with {@code -prof gc} for B/op.
 *
 * <p>When the in-memory frames are exhausted the cursor wraps and timestamps are shifted by the span of the loaded
 * frames (plus 10 s, more than the 5 s closed-flow grace), so time keeps moving forward and the tracker keeps
 * retiring flows as it would in a longer file. {@code decodeOnly} measures {@link FrameDecoder#decode} alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Xms4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HotPathBenchmark {
    static final int BATCH = 1024;

    /** A classic pcap from the generator; bench/run.sh passes bench/target/jmh.pcap. */
    @Param("bench/target/jmh.pcap")
    public String file;

    /** At most this many frames are loaded. */
    @Param("2000000")
    public int maxFrames;

    private byte[] data;
    private int[] offsets;
    private int[] lengths;
    private long[] stamps;
    private int count;
    private long span;

    private int cursor;
    private long shift;
    private long number;
    private final CapturedFrame raw = new CapturedFrame();
    private AnalysisSession session;
    private final FrameDecoder decoder = new FrameDecoder();
    private final DecodedFrame decoded = new DecodedFrame();

    @Setup(Level.Trial)
    public void load() throws IOException {
        try (FileChannel ch = FileChannel.open(Path.of(file), StandardOpenOption.READ)) {
            long size = Math.min(ch.size(), Integer.MAX_VALUE - 64);
            ByteBuffer b = ByteBuffer.allocate((int) size);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // fill
            }
            data = b.array();
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0xa1b2c3d4) {
            throw new IOException(file + ": expected a little-endian microsecond pcap from the generator");
        }
        offsets = new int[maxFrames];
        lengths = new int[maxFrames];
        stamps = new long[maxFrames];
        int pos = 24;
        while (count < maxFrames && pos + 16 <= data.length) {
            int len = b.getInt(pos + 8);
            if (pos + 16 + len > data.length) {
                break;
            }
            stamps[count] = (b.getInt(pos) & 0xffffffffL) * 1_000_000_000L + (b.getInt(pos + 4) & 0xffffffffL) * 1000;
            offsets[count] = pos + 16;
            lengths[count] = len;
            count++;
            pos += 16 + len;
        }
        span = stamps[count - 1] - stamps[0] + 10_000_000_000L;
        session = new AnalysisSession(TopologyOverrides.none(), List.of("jmh.pcap"));
    }

    private void point() {
        if (cursor == count) {
            cursor = 0;
            shift += span;
        }
        int i = cursor++;
        raw.set(++number, stamps[i] + shift, LinkType.ETHERNET, data, offsets[i], lengths[i], lengths[i]);
    }

    /** Decode + track, as {@code drcheck file} does per frame. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void accept() {
        for (int k = 0; k < BATCH; k++) {
            point();
            session.accept(raw);
        }
    }

    /** Decode alone, to split the cost. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int decodeOnly() {
        int layers = 0;
        for (int k = 0; k < BATCH; k++) {
            point();
            decoder.decode(raw, decoded);
            layers += decoded.layer.ordinal();
        }
        return layers;
    }
}
