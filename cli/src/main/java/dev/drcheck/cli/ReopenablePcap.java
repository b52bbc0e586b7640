package dev.drcheck.cli;

import dev.drcheck.core.capture.CapturedFrame;
import dev.drcheck.core.capture.PcapWriter;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code --write} file of {@code drcheck live}: a classic pcap that SIGHUP closes and opens again at the same
 * path (a new file with its own header), so that logrotate or an operator can move the old one away.
 */
final class ReopenablePcap implements Closeable {
    private final Path file;
    private final int linkType;
    private final int snaplen;
    private PcapWriter writer;
    private long framesBefore;

    private ReopenablePcap(Path file, int linkType, int snaplen) throws IOException {
        this.file = file;
        this.linkType = linkType;
        this.snaplen = snaplen;
        this.writer = PcapWriter.create(file, linkType, snaplen);
    }

    /** Creates (or replaces) {@code file} and starts a capture in it. */
    static ReopenablePcap create(Path file, int linkType, int snaplen) throws IOException {
        return new ReopenablePcap(file, linkType, snaplen);
    }

    /** Appends a frame. */
    void write(CapturedFrame frame) throws IOException {
        writer.write(frame);
    }

    /** Closes the file and starts a new one at the same path. */
    void reopen() throws IOException {
        framesBefore += writer.frames();
        writer.close();
        writer = PcapWriter.create(file, linkType, snaplen);
    }

    /** Frames written, over every file this run. */
    long frames() {
        return framesBefore + writer.frames();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
