package dev.drcheck.core.capture;

import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.TimestampPrecision;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;
import org.pcap4j.core.RawPacketListener;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Frames from a live interface through libpcap (pcap4j 1.8.2): promiscuous, immediate mode, a short read timeout,
 * an optional BPF filter. Only the raw bytes and the pcap header are taken from pcap4j (a
 * {@link RawPacketListener}); drcheck's own decoder reads them, as it reads capture files.
 *
 * <p>This is the only class that uses pcap4j. Every pcap4j call is made inside a guard that turns a missing
 * libpcap ({@link UnsatisfiedLinkError} on the first call, {@link NoClassDefFoundError} on later ones) into a
 * {@link LiveCaptureException} of kind {@link LiveCaptureException.Kind#LIBPCAP_MISSING}.
 *
 * <p>Not thread-safe: one thread polls; {@link #wakeUp()} alone may be called from another thread (it is
 * pcap_breakloop).
 */
public final class LiveSource implements LiveFrameSource {
    /** Default snap length: whole frames up to 64 KiB, far more than the headers drcheck reads. */
    public static final int DEFAULT_SNAPLEN = 65_535;
    /** How long one {@link #poll} waits for traffic at most, so the caller stays responsive. */
    public static final int READ_TIMEOUT_MILLIS = 100;
    /** How long {@link #poll} naps between reads that found nothing. */
    private static final long IDLE_NAP_MILLIS = 10;
    /** Kernel capture buffer: room for bursts while the analysis runs. */
    private static final int BUFFER_BYTES = 16 * 1024 * 1024;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    private static final int PCAP_ERROR_PERM_DENIED = -8;
    private static final int PCAP_ERROR_IFACE_NOT_UP = -9;

    private final PcapHandle handle;
    private final String name;
    private final int linkType;
    private final int snaplen;
    private final boolean nanosecondTimestamps;
    private final CapturedFrame frame = new CapturedFrame();
    private final RawPacketListener listener = this::onPacket;
    private long frameNumber;
    private Consumer<CapturedFrame> handler;
    private int handed;
    private volatile boolean woken;
    private volatile boolean closed;
    private LiveStats lastStats = LiveStats.NONE;

    private LiveSource(PcapHandle handle, String name, int linkType, int snaplen, boolean nanosecondTimestamps) {
        this.handle = handle;
        this.name = name;
        this.linkType = linkType;
        this.snaplen = snaplen;
        this.nanosecondTimestamps = nanosecondTimestamps;
    }

    /**
     * Opens {@code iface} for capture.
     *
     * @param snaplen the most bytes to keep of one frame
     * @param filter a BPF filter expression, or null (or blank) for none
     * @throws LiveCaptureException when the interface does not exist, capture is not permitted, libpcap is
     *         missing, the filter does not compile, or the link type is not one drcheck decodes
     */
    public static LiveSource open(String iface, int snaplen, String filter) throws LiveCaptureException {
        try {
            return openGuarded(iface, snaplen, filter);
        } catch (LinkageError e) {
            throw libpcapMissing(e);
        }
    }

    private static LiveSource openGuarded(String iface, int snaplen, String filter) throws LiveCaptureException {
        Pcaps.libVersion(); // loads libpcap: a missing library fails here, before anything else
        PcapHandle handle;
        boolean nano = true;
        try {
            handle = build(iface, snaplen, TimestampPrecision.NANO);
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
            nano = false;
            try {
                handle = build(iface, snaplen, TimestampPrecision.MICRO);
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
            handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            if (filter != null && !filter.isBlank()) {
                try {
                    handle.setFilter(filter, BpfCompileMode.OPTIMIZE);
                } catch (PcapNativeException e) {
                    throw new LiveCaptureException(LiveCaptureException.Kind.BAD_FILTER, reason(e));
                }
            }
            return new LiveSource(handle, iface, linkType, handle.getSnapshot(), nano);
        } catch (LiveCaptureException | RuntimeException | Error e) {
            handle.close();
            throw e;
        } catch (NotOpenException e) {
            handle.close();
            throw new LiveCaptureException(LiveCaptureException.Kind.FAILED, "capture handle closed unexpectedly");
        } catch (PcapNativeException e) {
            handle.close();
            throw failure(iface, e);
        }
    }

    private static PcapHandle build(String iface, int snaplen, TimestampPrecision precision)
            throws PcapNativeException {
        return new PcapHandle.Builder(iface)
                .snaplen(snaplen)
                .promiscuousMode(PromiscuousMode.PROMISCUOUS)
                .timeoutMillis(READ_TIMEOUT_MILLIS)
                .immediateMode(true)
                .bufferSize(BUFFER_BYTES)
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
    public int poll(Consumer<CapturedFrame> consumer) throws IOException {
        if (closed) {
            return 0;
        }
        handler = consumer;
        handed = 0;
        long deadline = System.nanoTime() + READ_TIMEOUT_MILLIS * 1_000_000L;
        try {
            // Non-blocking reads with short naps: libpcap's own read timeout does not return a blocked read
            // when no traffic comes (TPACKET_V3 retires no empty block), so waiting is done here.
            while (handle.dispatch(-1, listener) == 0 && !woken && System.nanoTime() < deadline) {
                Thread.sleep(IDLE_NAP_MILLIS);
            }
        } catch (InterruptedException e) {
            // pcap_breakloop (wakeUp) or a thread interrupt: the caller decides whether to stop.
            if (!woken) {
                Thread.currentThread().interrupt();
            }
        } catch (PcapNativeException e) {
            throw new LiveCaptureException(classify(e) == LiveCaptureException.Kind.FAILED
                    ? LiveCaptureException.Kind.INTERFACE_DOWN : classify(e), reason(e));
        } catch (NotOpenException e) {
            return handed;
        } catch (LinkageError e) {
            throw libpcapMissing(e);
        } finally {
            handler = null;
        }
        return handed;
    }

    @Override
    public boolean next(CapturedFrame out) throws IOException {
        while (!closed && !woken) {
            int n = poll(f -> {
                out.set(f.frameNumber, f.timestampNanos, f.linkType, f.data, f.offset, f.capturedLength,
                        f.originalLength);
                out.interfaceName = f.interfaceName;
            });
            if (n > 0) {
                return true;
            }
        }
        return false;
    }

    private void onPacket(byte[] packet) {
        Timestamp ts = handle.getTimestamp();
        Integer original = handle.getOriginalLength();
        long nanos = 0;
        if (ts != null) {
            nanos = Math.floorDiv(ts.getTime(), 1000L) * NANOS_PER_SECOND + ts.getNanos();
        }
        frame.set(++frameNumber, nanos, linkType, packet, 0, packet.length,
                original == null ? packet.length : Math.max(original, packet.length));
        frame.interfaceName = name;
        handed++;
        handler.accept(frame);
    }

    @Override
    public void wakeUp() {
        woken = true;
        if (closed) {
            return;
        }
        try {
            handle.breakLoop();
        } catch (NotOpenException | LinkageError e) {
            // closed meanwhile, or libpcap gone: nothing to wake
        }
    }

    @Override
    public LiveStats stats() {
        if (closed) {
            return lastStats;
        }
        try {
            PcapStat stat = handle.getStats();
            lastStats = new LiveStats(stat.getNumPacketsReceived(), stat.getNumPacketsDropped(),
                    stat.getNumPacketsDroppedByIf());
        } catch (PcapNativeException | NotOpenException | LinkageError e) {
            // keep the last numbers: an interface that went down has none to give
        }
        return lastStats;
    }

    @Override
    public int linkType() {
        return linkType;
    }

    @Override
    public int snaplen() {
        return snaplen;
    }

    /** True when libpcap gives nanosecond timestamps; otherwise they are microseconds times 1000. */
    public boolean nanosecondTimestamps() {
        return nanosecondTimestamps;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        if (!closed) {
            lastStats = stats();
            closed = true;
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

    private static LiveCaptureException libpcapMissing(LinkageError e) {
        return new LiveCaptureException(LiveCaptureException.Kind.LIBPCAP_MISSING,
                e.getClass().getSimpleName() + ": " + reason(new Exception(e.getMessage())));
    }
}
