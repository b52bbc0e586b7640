package dev.drcheck.core.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What the pcap and pcapng test builders share: the bytes built so far, whole, cut, or written to a file. */
abstract class CaptureFileBuilder {
    /** The file's bytes, appended to by the format's builder. */
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** The number of bytes built so far. */
    public int size() {
        return out.size();
    }

    /** The file built so far. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** The file built so far, cut to its first {@code length} bytes. */
    public byte[] truncatedTo(int length) {
        return Arrays.copyOf(out.toByteArray(), length);
    }

    /** Writes the file built so far to {@code file}. */
    public Path writeTo(Path file) throws IOException {
        return Files.write(file, toByteArray());
    }
}
