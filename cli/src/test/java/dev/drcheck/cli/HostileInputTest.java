package dev.drcheck.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Wrong input types (FIFOs that close early, standard input cut mid-record, unreadable files) and capture text
 * that tries to put escape sequences on the terminal, through the command line.
 */
class HostileInputTest {
    /** ESC-started CSI and OSC, BEL, the 8-bit CSI (C1 0x9b) and a right-to-left override. */
    private static final String EVIL = "\u001b[2J\u001b]0;owned\u0007\u009b31m\u202eevil";
    private static final int SECONDS = 1_700_000_000;

    @TempDir
    Path dir;

    // ---- wrong input types ----

    @Test
    @Timeout(30)
    void fifoClosingInsideTheFileHeaderIsOneLine() throws Exception {
        Path fifo = mkfifo("half-header.pcap");
        Thread writer = writeAndClose(fifo, Arrays.copyOf(pcapHeader(), 10));

        Cli.Result result = Cli.run("file", fifo.toString());
        writer.join();

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.errLines()).containsExactly("drcheck: cannot read " + fifo
                + ": short pcap file header: 10 bytes (expected: a pcap file header of 24 bytes)");
        assertThat(result.out()).isEmpty();
    }

    @Test
    @Timeout(30)
    void fifoClosingWithoutAByteIsAnEmptyFile() throws Exception {
        Path fifo = mkfifo("nothing.pcap");
        Thread writer = writeAndClose(fifo, new byte[0]);

        Cli.Result result = Cli.run("file", fifo.toString());
        writer.join();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.errLines()).singleElement().asString()
                .isEqualTo("drcheck: cannot read " + fifo + ": empty file: 0 bytes (expected: a pcap, pcapng or gzip"
                        + " capture)");
    }

    @Test
    @Timeout(30)
    void fifoClosingMidRecordIsAnalysedUpToTheDamage() throws Exception {
        Path fifo = mkfifo("cut.pcap");
        Thread writer = writeAndClose(fifo, cutCapture());

        Cli.Result result = Cli.run("file", "--color", "never", fifo.toString());
        writer.join();

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("cut.pcap: 1 frame")
                .contains("capture stopped early after frame 1: capture ends inside frame 2");
    }

    @Test
    void stdinClosingMidRecordIsAnalysedUpToTheDamage() {
        Environment environment = new Environment(Map.of(), false,
                new CaptureFiles(new ByteArrayInputStream(cutCapture())));

        Cli.Result result = Cli.run(environment, "file", "--color", "never", "-");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("stdin: 1 frame")
                .contains("capture stopped early after frame 1: capture ends inside frame 2");
    }

    @Test
    void emptyStdinIsOneLine() {
        Environment environment =
                new Environment(Map.of(), false, new CaptureFiles(new ByteArrayInputStream(new byte[0])));

        Cli.Result result = Cli.run(environment, "file", "-");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.errLines()).singleElement().asString().startsWith("drcheck: cannot read -: empty file");
    }

    @Test
    void unreadableFileIsPermissionDenied() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads files whatever their mode");
        Path file = Files.write(dir.resolve("secret.pcap"), pcapHeader());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "the file system ignores permissions");

        Cli.Result result = Cli.run("file", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.errLines()).containsExactly("drcheck: cannot read " + file + ": permission denied");
    }

    // ---- sanitising ----

    @Test
    void pcapngInterfaceNameCannotReachTheTerminal() throws IOException {
        Path file = Files.write(dir.resolve("evil-if.pcapng"), pcapngWithInterfaceName(EVIL));

        Cli.Result text = Cli.run("file", "--color", "never", file.toString());
        Cli.Result json = Cli.run("file", "--format", "json", file.toString());

        assertThat(text.exitCode()).as(text.err()).isNotEqualTo(ExitCodes.INTERNAL).isNotEqualTo(ExitCodes.INPUT);
        assertTerminalSafe(text.out() + text.err());
        assertTerminalSafe(json.out() + json.err());
    }

    @Test
    void textLinesNotUnderstoodCannotReachTheTerminal() throws IOException {
        String packets = Files.readString(Cli.repoRoot().resolve("sample-pcaps/text/healthy-rs1-port.txt"));
        // Past the first 512 bytes, which must look like text for the input to be read as text at all.
        String[] lines = packets.split("\n", 12);
        String hostile = String.join("\n", Arrays.copyOfRange(lines, 0, 8)) + "\ngarbage " + EVIL + "\n" + lines[8]
                + "\n12:00:00.000000 " + EVIL + " > " + EVIL + "\n" + lines[9] + "\n" + lines[10] + "\n";
        Path file = Files.writeString(dir.resolve("evil.txt"), hostile);

        Cli.Result text = Cli.run("file", "--color", "never", file.toString());
        Cli.Result json = Cli.run("file", "--format", "json", file.toString());

        assertThat(text.exitCode()).as(text.err()).isEqualTo(ExitCodes.OK);
        assertThat(text.out()).contains("2 lines not understood");
        assertTerminalSafe(text.out() + text.err());
        assertTerminalSafe(json.out() + json.err());
    }

    @Test
    void fileNameCannotReachTheTerminal() throws IOException {
        Path file = Files.write(dir.resolve("capture" + EVIL + ".pcap"),
                Files.readAllBytes(Cli.repoRoot().resolve("sample-pcaps/healthy-rs1-port.pcap")));
        Path missing = dir.resolve("missing" + EVIL + ".pcap");
        Path damaged = Files.write(dir.resolve("cut" + EVIL + ".pcap"), cutCapture());

        Cli.Result text = Cli.run("file", "--color", "never", file.toString());
        Cli.Result json = Cli.run("file", "--format", "json", file.toString());
        Cli.Result notThere = Cli.run("file", missing.toString());
        Cli.Result merged = Cli.run("file", "--color", "never", file.toString(), damaged.toString());

        assertThat(text.out()).as(text.out()).contains("capture?[2J?]0;owned??31m?evil.pcap");
        assertTerminalSafe(text.out() + text.err());
        assertTerminalSafe(json.out() + json.err());
        assertThat(notThere.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertTerminalSafe(notThere.err());
        assertThat(merged.out()).contains("capture stopped early");
        assertTerminalSafe(merged.out() + merged.err());
    }

    @Test
    void sanitizerReplacesEveryTerminalControl() {
        assertThat(Sanitizer.clean("a" + EVIL + "\u2066x\u2069\u200e\u061c"))
                .isEqualTo("a?[2J?]0;owned??31m?evil?x???");
        assertThat(Sanitizer.clean("plain ünïcödé → ok")).isEqualTo("plain ünïcödé → ok");
    }

    /** No C0 control but newline, no DEL, no C1, no bidi formatting character. */
    private static void assertTerminalSafe(String output) {
        for (int i = 0; i < output.length(); i++) {
            char c = output.charAt(i);
            boolean safe = c == '\n' || !Sanitizer.isControl(c);
            assertThat(safe).as("character U+%04X at %d in:%n%s", (int) c, i, output).isTrue();
        }
    }

    // ---- inputs ----

    private Path mkfifo(String name) throws Exception {
        Path fifo = dir.resolve(name);
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo not available: " + e.getMessage());
            throw e;
        }
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        return fifo;
    }

    /** Opens the FIFO for writing (blocking until drcheck opens it), writes {@code bytes} and closes it. */
    private static Thread writeAndClose(Path fifo, byte[] bytes) {
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(bytes);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "fifo-writer");
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    private static byte[] pcapHeader() {
        return ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(0xa1b2c3d4).putShort((short) 2)
                .putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1).array();
    }

    /** A pcap header, one 60-byte frame, then the header of a second and 10 of its 60 bytes. */
    private static byte[] cutCapture() {
        ByteBuffer b = ByteBuffer.allocate(24 + 16 + 60 + 16 + 10).order(ByteOrder.LITTLE_ENDIAN);
        b.put(pcapHeader());
        b.putInt(SECONDS).putInt(0).putInt(60).putInt(60).put(arpRequest());
        b.putInt(SECONDS).putInt(1).putInt(60).putInt(60).put(Arrays.copyOf(arpRequest(), 10));
        return b.array();
    }

    private static byte[] arpRequest() {
        ByteBuffer f = ByteBuffer.allocate(60);
        f.put(new byte[] {-1, -1, -1, -1, -1, -1, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0806);
        f.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1);
        f.put(new byte[] {2, 0, 0, 0, 0, 1, (byte) 192, 0, 2, 1, 0, 0, 0, 0, 0, 0, (byte) 192, 0, 2, 100});
        return f.array();
    }

    /** A little-endian pcapng: Section Header with a comment, one Ethernet interface named {@code name}, one packet. */
    private static byte[] pcapngWithInterfaceName(String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] comment = option(1, ("comment " + name).getBytes(StandardCharsets.UTF_8));
        block(out, 0x0a0d0d0a, concat(le(0x1a2b3c4d), new byte[] {1, 0, 0, 0}, leLong(-1), comment, new byte[4]));
        byte[] ifName = option(2, name.getBytes(StandardCharsets.UTF_8));
        block(out, 1, concat(new byte[] {1, 0, 0, 0}, le(65535), ifName, new byte[4]));
        byte[] packet = arpRequest();
        long micros = SECONDS * 1_000_000L;
        block(out, 6, concat(le(0), le((int) (micros >>> 32)), le((int) micros), le(packet.length), le(packet.length),
                packet, option(1, ("packet " + name).getBytes(StandardCharsets.UTF_8)), new byte[4]));
        return out.toByteArray();
    }

    private static void block(ByteArrayOutputStream out, int type, byte[] body) throws IOException {
        int length = 12 + body.length;
        out.write(le(type));
        out.write(le(length));
        out.write(body);
        out.write(le(length));
    }

    private static byte[] option(int code, byte[] value) {
        int padded = (value.length + 3) & ~3;
        return ByteBuffer.allocate(4 + padded).order(ByteOrder.LITTLE_ENDIAN).putShort((short) code)
                .putShort((short) value.length).put(value).array();
    }

    private static byte[] le(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static byte[] leLong(long value) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
