package dev.drcheck.core.capture;

import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.TimestampPrecision;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.Pcaps;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Frames from a live interface through libpcap (pcap4j 1.8.2): promiscuous, immediate mode, a kernel buffer of
 * the requested size, an optional BPF filter. A dedicated capture thread ({@link PcapCaptureLoop}) runs libpcap's
 * dispatch loop and copies each frame into preallocated batches; {@link #poll} hands them to the analysis on the
 * caller's thread, together with the losses libpcap's statistics reveal. Only the raw bytes and the pcap header
 * are taken from pcap4j; drcheck's own decoder reads them, as it reads capture files.
 *
 * <p>This class and its capture loop are the only pcap4j users. Every pcap4j call is made inside a guard that
 * turns a missing libpcap ({@link UnsatisfiedLinkError} on the first call, {@link NoClassDefFoundError} on later
 * ones) into a {@link LiveCaptureException} of kind {@link LiveCaptureException.Kind#LIBPCAP_MISSING}.
 *
 * <p>One thread polls; {@link #stop()} and {@link #stats()} may be called from any thread.
 */
public final class LiveSource implements LiveFrameSource {
    /** Default snap length: whole frames up to 64 KiB, far more than the headers drcheck reads. */
    public static final int DEFAULT_SNAPLEN = 65_535;
    /** Default kernel capture buffer (tcpdump -B): room for bursts of several hundred thousand frames. */
    public static final int DEFAULT_BUFFER_BYTES = 32 * 1024 * 1024;
    /** How long one {@link #poll} waits for traffic at most, so the caller stays responsive. */
    public static final int READ_TIMEOUT_MILLIS = 100;
    private static final long STOP_WAIT_MILLIS = 2_000;
    private static final long STOPPED_WAIT_MILLIS = 10;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    private static final int PCAP_ERROR_PERM_DENIED = -8;
    private static final int PCAP_ERROR_IFACE_NOT_UP = -9;

    private final PcapHandle handle;
    private final String name;
    private final int linkType;
    private final int snaplen;
    private final PcapCaptureLoop loop;
    private final Thread captureThread;
    private final CapturedFrame frame = new CapturedFrame();
    private long frameNumber;
    private volatile boolean stopped;
    private boolean closed;

    private LiveSource(PcapHandle handle, String name, int linkType, int snaplen) {
        this.handle = handle;
        this.name = name;
        this.linkType = linkType;
        this.snaplen = snaplen;
        this.loop = new PcapCaptureLoop(handle);
        this.captureThread = new Thread(loop, "drcheck-capture");
        captureThread.setDaemon(true);
        captureThread.start();
    }

    /**
     * Opens {@code iface} for capture and starts capturing.
     *
     * @param snaplen the most bytes to keep of one frame
     * @param bufferBytes the kernel capture buffer, in bytes
     * @param filter a BPF filter expression, or null (or blank) for none
     * @throws LiveCaptureException when the interface does not exist, capture is not permitted, libpcap is
     *         missing, the filter does not compile, or the link type is not one drcheck decodes
     */
    public static LiveSource open(String iface, int snaplen, int bufferBytes, String filter)
            throws LiveCaptureException {
        try {
            return openGuarded(iface, snaplen, bufferBytes, filter);
        } catch (LinkageError e) {
            throw libpcapMissing(e);
        }
    }

    private static LiveSource openGuarded(String iface, int snaplen, int bufferBytes, String filter)
            throws LiveCaptureException {
        Pcaps.libVersion(); // loads libpcap: a missing library fails here, before anything else
        PcapHandle handle;
        try {
            handle = build(iface, snaplen, bufferBytes, TimestampPrecision.NANO);
        } catch (PcapNativeException e) {
            if (classify(e) != LiveCaptureException.Kind.FAILED || !mentions(e, "precision")) {
                throw failure(iface, e);
            }
            handle = null;
        } catch (LinkageError e) {
            // pcap_set_tstamp_precision is missing from libpcap before 1.5: microseconds, then.
            handle = null;
        }
        if (handle == null) {
            try {
                handle = build(iface, snaplen, bufferBytes, TimestampPrecision.MICRO);
            } catch (PcapNativeException e) {
                throw failure(iface, e);
            }
        }
        try {
            int linkType = handle.getDlt().value();
            if (!LinkType.isSupported(linkType)) {
                throw new LiveCaptureException(LiveCaptureException.Kind.UNSUPPORTED_LINK_TYPE,
                        "unsupported link type " + LinkType.describe(linkType)
                                + " (supported: " + LinkType.SUPPORTED + ")");
            }
            if (filter != null && !filter.isBlank()) {
                try {
                    handle.setFilter(filter, BpfCompileMode.OPTIMIZE);
                } catch (PcapNativeException e) {
                    throw new LiveCaptureException(LiveCaptureException.Kind.BAD_FILTER, reason(e));
                }
            }
            return new LiveSource(handle, iface, linkType, handle.getSnapshot());
        } catch (LiveCaptureException | RuntimeException | Error e) {
            handle.close();
            throw e;
        } catch (NotOpenException e) {
            handle.close();
            throw new LiveCaptureException(LiveCaptureException.Kind.FAILED, "capture handle closed unexpectedly");
        }
    }

    private static PcapHandle build(String iface, int snaplen, int bufferBytes, TimestampPrecision precision)
            throws PcapNativeException {
        return new PcapHandle.Builder(iface)
                .snaplen(snaplen)
                .promiscuousMode(PromiscuousMode.PROMISCUOUS)
                .timeoutMillis(READ_TIMEOUT_MILLIS)
                .bufferSize(bufferBytes)
                .timestampPrecision(precision)
                .build();
    }

    /**
     * The interfaces libpcap can capture on (in the current network namespace), in libpcap's order.
     *
     * @throws LiveCaptureException when libpcap is missing or cannot list them
     */
    public static List<LiveInterface> interfaces() throws LiveCaptureException {
        try {
            List<LiveInterface> list = new ArrayList<>();
            for (PcapNetworkInterface nif : Pcaps.findAllDevs()) {
                List<String> addresses = new ArrayList<>();
                for (PcapAddress address : nif.getAddresses()) {
                    InetAddress ip = address.getAddress();
                    if (ip != null) {
                        addresses.add(addressText(ip, address.getNetmask()));
                    }
                }
                list.add(new LiveInterface(nif.getName(), nif.getDescription(), addresses, nif.isUp(),
                        nif.isLoopBack()));
            }
            return list;
        } catch (PcapNativeException e) {
            throw new LiveCaptureException(LiveCaptureException.Kind.FAILED, "cannot list interfaces: " + reason(e));
        } catch (LinkageError e) {
            throw libpcapMissing(e);
        }
    }

    private static String addressText(InetAddress ip, InetAddress netmask) {
        String text = ip.getHostAddress();
        if (ip instanceof Inet6Address) {
            int scope = text.indexOf('%');
            text = scope < 0 ? text : text.substring(0, scope);
        }
        if (netmask != null && netmask.getAddress().length == ip.getAddress().length) {
            int bits = 0;
            for (byte b : netmask.getAddress()) {
                bits += Integer.bitCount(b & 0xff);
            }
            text += "/" + bits;
        }
        return text;
    }

    @Override
    public int poll(CaptureSink sink) throws IOException {
        if (closed) {
            return 0;
        }
        drainLosses(sink);
        FrameBatch batch;
        try {
            batch = nextBatch();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        if (batch == null) {
            drainLosses(sink);
            LiveCaptureException failure = loop.failure();
            if (failure != null && loop.ended() && loop.full.isEmpty()) {
                throw failure;
            }
            return 0;
        }
        drainLosses(sink);
        int count = batch.count;
        for (int i = 0; i < count; i++) {
            frame.set(++frameNumber, batch.timestamps[i], linkType, batch.data, batch.offsets[i], batch.lengths[i],
                    batch.originalLengths[i]);
            frame.interfaceName = name;
            sink.onFrame(frame);
        }
        loop.recycle(batch);
        return count;
    }

    /**
     * The next batch, waiting at most the read timeout; once stopped, waiting only until the capture thread has
     * handed over its last batch.
     */
    private FrameBatch nextBatch() throws InterruptedException {
        long deadline = System.nanoTime() + READ_TIMEOUT_MILLIS * NANOS_PER_MILLI;
        while (true) {
            FrameBatch batch = loop.full.poll(stopped ? STOPPED_WAIT_MILLIS : READ_TIMEOUT_MILLIS,
                    TimeUnit.MILLISECONDS);
            if (batch != null || !stopped || loop.ended() || System.nanoTime() - deadline > 0) {
                return batch;
            }
        }
    }

    private void drainLosses(CaptureSink sink) {
        CaptureLoss loss;
        while ((loss = loop.losses.poll()) != null) {
            sink.onLoss(loss);
        }
    }

    @Override
    public void stop() {
        stopped = true;
        loop.stop();
        try {
            handle.breakLoop();
        } catch (NotOpenException | LinkageError e) {
            // closed meanwhile, or libpcap gone: nothing to wake
        }
    }

    @Override
    public LiveStats stats() {
        return loop.stats();
    }

    @Override
    public int linkType() {
        return linkType;
    }

    @Override
    public int snaplen() {
        return snaplen;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Stops capturing: ends libpcap's loop, waits for the capture thread (at most two seconds) and closes the
     * handle. The statistics stay readable.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        try {
            captureThread.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!captureThread.isAlive()) {
            handle.close();
        }
    }

    private static LiveCaptureException failure(String iface, PcapNativeException e) {
        LiveCaptureException.Kind kind = classify(e);
        if (kind == LiveCaptureException.Kind.NO_SUCH_INTERFACE) {
            List<String> names = new ArrayList<>();
            try {
                for (LiveInterface nif : interfaces()) {
                    names.add(nif.name());
                }
            } catch (LiveCaptureException ignored) {
                // the list is a courtesy
            }
            return new LiveCaptureException(kind, "no such interface: " + iface, names);
        }
        return new LiveCaptureException(kind, reason(e));
    }

    /** A failure of the read loop: the interface went down, or capture failed. */
    static LiveCaptureException readFailure(PcapNativeException e) {
        return new LiveCaptureException(classify(e) == LiveCaptureException.Kind.FAILED
                ? LiveCaptureException.Kind.INTERFACE_DOWN : classify(e), reason(e));
    }

    private static LiveCaptureException.Kind classify(PcapNativeException e) {
        Integer rc = e.getReturnCode();
        if (rc != null && rc == PCAP_ERROR_PERM_DENIED || mentions(e, "permission")
                || mentions(e, "operation not permitted")) {
            return LiveCaptureException.Kind.PERMISSION;
        }
        if (rc != null && rc == PCAP_ERROR_NO_SUCH_DEVICE || mentions(e, "no such device")) {
            return LiveCaptureException.Kind.NO_SUCH_INTERFACE;
        }
        if (rc != null && rc == PCAP_ERROR_IFACE_NOT_UP || mentions(e, "went down") || mentions(e, "not up")
                || mentions(e, "disappeared") || mentions(e, "network is down")) {
            return LiveCaptureException.Kind.INTERFACE_DOWN;
        }
        return LiveCaptureException.Kind.FAILED;
    }

    private static boolean mentions(Exception e, String text) {
        return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains(text);
    }

    private static String reason(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).strip();
    }

    static LiveCaptureException libpcapMissing(LinkageError e) {
        return new LiveCaptureException(LiveCaptureException.Kind.LIBPCAP_MISSING,
                e.getClass().getSimpleName() + ": " + reason(new Exception(e.getMessage())));
    }
}
