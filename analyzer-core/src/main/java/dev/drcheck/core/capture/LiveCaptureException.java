package dev.drcheck.core.capture;

import java.io.IOException;
import java.util.List;

/**
 * Live capture cannot start or cannot go on. {@link #kind()} says why, so that the command line can name the
 * remedy; the message is libpcap's own one-line reason (or drcheck's when libpcap gave none).
 */
public final class LiveCaptureException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why live capture failed. */
    public enum Kind {
        /** The interface does not exist; {@link #interfaces()} names those that do. */
        NO_SUCH_INTERFACE,
        /** Capturing needs root, or CAP_NET_RAW and CAP_NET_ADMIN. */
        PERMISSION,
        /** libpcap (the native library) is not installed or cannot be loaded. */
        LIBPCAP_MISSING,
        /** The BPF filter expression does not compile. */
        BAD_FILTER,
        /** The interface's link type is not one drcheck decodes. */
        UNSUPPORTED_LINK_TYPE,
        /** The interface is down, went down or disappeared. */
        INTERFACE_DOWN,
        /** Any other failure libpcap reports. */
        FAILED
    }

    private final Kind kind;
    private final transient List<String> interfaces;

    /** A failure of {@code kind} with libpcap's reason. */
    public LiveCaptureException(Kind kind, String reason) {
        this(kind, reason, List.of());
    }

    /** A failure of {@code kind}, with the names of the interfaces that can be captured. */
    public LiveCaptureException(Kind kind, String reason, List<String> interfaces) {
        super(reason);
        this.kind = kind;
        this.interfaces = List.copyOf(interfaces);
    }

    /** Why capture failed. */
    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#NO_SUCH_INTERFACE}: the interfaces that exist; otherwise empty. */
    public List<String> interfaces() {
        return interfaces == null ? List.of() : interfaces;
    }
}
