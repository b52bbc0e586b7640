package dev.drcheck.cli;

import dev.drcheck.core.engine.Analyzer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The {@code --progress} line of {@code drcheck file} on standard error: how much of the files was read, and
 * frames per second, rewritten in place at most four times a second and cleared at the end.
 */
final class FileProgress implements Analyzer.Progress {
    /** Below this many bytes in all, {@code --progress auto} shows nothing: small files finish at once. */
    static final long AUTO_MIN_BYTES = 64L * 1024 * 1024;

    private static final long INTERVAL_NANOS = 250_000_000L;
    private static final double MB = 1024.0 * 1024.0;

    private final PrintWriter err;
    private final List<FileChannel> files;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long lastPrintNanos;
    private int lastWidth;

    FileProgress(PrintWriter err, List<FileChannel> files, LongSupplier nanoClock) {
        this.err = err;
        this.files = List.copyOf(files);
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastPrintNanos = startNanos;
    }

    /** Bytes of all the files together. */
    static long totalSize(List<FileChannel> files) {
        long total = 0;
        for (FileChannel file : files) {
            try {
                total += file.size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }

    @Override
    public void update(long frames) {
        long now = nanoClock.getAsLong();
        if (now - lastPrintNanos < INTERVAL_NANOS) {
            return;
        }
        lastPrintNanos = now;
        long read = 0;
        for (FileChannel file : files) {
            try {
                read += file.isOpen() ? file.position() : file.size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long total = Math.max(1, totalSize(files));
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        String line = String.format(Locale.ROOT, "drcheck: %3d%% (%.0f of %.0f MB), %.2f M frames/s",
                Math.min(100, read * 100 / total), read / MB, total / MB, frames / seconds / 1e6);
        err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
        err.flush();
        lastWidth = line.length();
    }

    /** Removes the line, so the report starts on a clean screen. */
    void clear() {
        if (lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
        }
    }
}
