package dev.drcheck.core.capture;

import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.RawPacketListener;

import java.sql.Timestamp;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The capture thread of a {@link LiveSource}: runs libpcap's dispatch loop (blocking, in immediate mode), copies
 * each frame into a preallocated {@link FrameBatch}, and hands full batches, or partly filled ones after
 * {@link #FLUSH_NANOS}, to the analysis thread through a bounded queue; emptied batches come back through another.
 * When every batch is waiting for the analysis, the loop waits too, so that the kernel's buffer absorbs the
 * burst, and what it cannot hold is dropped and counted where libpcap counts it.
 *
 * <p>It samples libpcap's statistics every {@link #SAMPLE_NANOS} while frames flow (and while it waits), and when
 * the drop counters grew, publishes a {@link CaptureLoss} covering the time since the previous sample. A loss is
 * published before the batch holding the frames captured after it is handed over.
 *
 * <p>pcap4j itself allocates a few objects per frame (the byte array, a timestamp); this loop copies the bytes
 * out at once, so those die young, and adds no allocation of its own per frame.
 */
final class PcapCaptureLoop implements Runnable {
    /** Batches in circulation: 32 MiB of frames buffered between capture and analysis. */
    static final int BATCHES = 32;
    /** A partly filled batch is handed over after this long, so that a quiet link is still analysed promptly. */
    static final long FLUSH_NANOS = 5_000_000L;
    /** How often libpcap's statistics are sampled while frames flow. */
    static final long SAMPLE_NANOS = 50_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long WAIT_MILLIS = 10;
    private static final int CHECK_EVERY = 128;

    final BlockingQueue<FrameBatch> full = new ArrayBlockingQueue<>(BATCHES);
    final Queue<CaptureLoss> losses = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<FrameBatch> free = new ArrayBlockingQueue<>(BATCHES);
    private final PcapHandle handle;
    private final RawPacketListener listener = this::onPacket;
    private volatile boolean stopping;
    private volatile boolean ended;
    private volatile LiveStats stats = LiveStats.NONE;
    private volatile LiveCaptureException failure;
    private FrameBatch current;
    private int sinceCheck;
    private long lastFlush;
    private long lastSample;
    private long lastSampleWallNanos;
    private long kernelDrops;
    private long interfaceDrops;

    PcapCaptureLoop(PcapHandle handle) {
        this.handle = handle;
        for (int i = 0; i < BATCHES; i++) {
            free.add(new FrameBatch());
        }
    }

    @Override
    public void run() {
        lastSampleWallNanos = System.currentTimeMillis() * NANOS_PER_MILLI;
        lastSample = System.nanoTime();
        lastFlush = lastSample;
        current = free.poll();
        try {
            while (!stopping) {
                try {
                    handle.dispatch(-1, listener);
                } catch (InterruptedException e) {
                    // pcap_breakloop: the loop condition decides
                }
                flush();
                sample();
            }
        } catch (PcapNativeException e) {
            failure = LiveSource.readFailure(e);
        } catch (NotOpenException e) {
            // closed while capturing: the capture ends
        } catch (LinkageError e) {
            failure = LiveSource.libpcapMissing(e);
        } finally {
            flush();
            sample();
            ended = true;
        }
    }

    /** Asks the loop to end soon; safe from any thread. */
    void stop() {
        stopping = true;
    }

    /** True once the loop has ended and handed over everything it captured. */
    boolean ended() {
        return ended;
    }

    /** Why capture ended, or null when it was stopped (or goes on). */
    LiveCaptureException failure() {
        return failure;
    }

    /** The statistics of the latest sample. */
    LiveStats stats() {
        return stats;
    }

    /** Gives an emptied batch back to the capture thread. */
    void recycle(FrameBatch batch) {
        batch.clear();
        free.offer(batch);
    }

    private void onPacket(byte[] packet) {
        Timestamp ts = handle.getTimestamp();
        Integer original = handle.getOriginalLength();
        long nanos = ts == null ? 0 : Math.floorDiv(ts.getTime(), 1000L) * NANOS_PER_SECOND + ts.getNanos();
        int length = packet.length;
        if (current != null && !current.fits(length)) {
            flush();
        }
        if (current != null) {
            current.add(packet, length, nanos, original == null ? length : Math.max(original, length));
        }
        if (++sinceCheck == CHECK_EVERY) {
            sinceCheck = 0;
            long now = System.nanoTime();
            if (now - lastFlush >= FLUSH_NANOS) {
                flush();
            }
            if (now - lastSample >= SAMPLE_NANOS) {
                sample();
            }
        }
    }

    /** Hands the current batch over, if it holds a frame, and takes an empty one, waiting while none is free. */
    private void flush() {
        lastFlush = System.nanoTime();
        if (current == null || current.count == 0) {
            return;
        }
        full.offer(current);
        current = null;
        while (current == null && !stopping) {
            try {
                current = free.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (System.nanoTime() - lastSample >= SAMPLE_NANOS) {
                sample();
            }
        }
    }

    /** Reads libpcap's counters; publishes a loss when a drop counter grew since the last sample. */
    private void sample() {
        PcapStat stat;
        try {
            stat = handle.getStats();
        } catch (PcapNativeException | NotOpenException | LinkageError e) {
            return; // an interface that went down has no statistics; the read loop reports the failure
        }
        long nowWall = System.currentTimeMillis() * NANOS_PER_MILLI;
        long kernel = stat.getNumPacketsDropped();
        long iface = stat.getNumPacketsDroppedByIf();
        if (kernel > kernelDrops || iface > interfaceDrops) {
            // millisecond clock: widen the window by a millisecond at each end
            losses.add(new CaptureLoss(lastSampleWallNanos - NANOS_PER_MILLI, nowWall + NANOS_PER_MILLI,
                    Math.max(0, kernel - kernelDrops), Math.max(0, iface - interfaceDrops)));
        }
        kernelDrops = Math.max(kernel, kernelDrops);
        interfaceDrops = Math.max(iface, interfaceDrops);
        stats = new LiveStats(stat.getNumPacketsReceived(), kernelDrops, interfaceDrops);
        lastSampleWallNanos = nowWall;
        lastSample = System.nanoTime();
    }
}
