package dev.drcheck.cli;

import dev.drcheck.core.capture.LiveCaptureException;
import dev.drcheck.core.capture.LiveFrameSource;
import dev.drcheck.core.capture.LiveInterface;
import dev.drcheck.core.capture.LiveSource;

import java.util.List;

/** Where {@code drcheck live} gets its frames: libpcap for real, a scripted source in tests. */
interface LiveCaptures {

    /** Live capture through libpcap ({@link LiveSource}). */
    LiveCaptures PCAP = new LiveCaptures() {
        @Override
        public LiveFrameSource open(String iface, int snaplen, int bufferBytes, String filter)
                throws LiveCaptureException {
            return LiveSource.open(iface, snaplen, bufferBytes, filter);
        }

        @Override
        public List<LiveInterface> interfaces() throws LiveCaptureException {
            return LiveSource.interfaces();
        }
    };

    /**
     * Opens {@code iface} for capture and starts capturing.
     *
     * @param bufferBytes the kernel capture buffer
     * @param filter a BPF filter expression, or null for none
     */
    LiveFrameSource open(String iface, int snaplen, int bufferBytes, String filter) throws LiveCaptureException;

    /** The interfaces that can be captured. */
    List<LiveInterface> interfaces() throws LiveCaptureException;
}
