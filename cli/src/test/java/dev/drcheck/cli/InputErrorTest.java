package dev.drcheck.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InputErrorTest {
    @TempDir
    Path dir;

    private static void assertOneLine(Cli.Result result, int exitCode, String line) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(exitCode);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.errLines()[0]).startsWith(line);
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("at dev.")
                .doesNotContain("at java.").doesNotContain("Usage:");
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("capture.pcap");
        assertOneLine(Cli.run("file", missing.toString()), ExitCodes.INPUT,
                "drcheck: cannot read " + missing + ": no such file");
        assertThat(Cli.run("file", missing.toString()).err().strip()).endsWith(": no such file");
    }

    @Test
    void directory() {
        assertOneLine(Cli.run("file", dir.toString()), ExitCodes.INPUT,
                "drcheck: cannot read " + dir + ": is a directory");
    }

    @Test
    void textFileIsNotAPcap() throws IOException {
        Path text = Files.writeString(dir.resolve("x.txt"), "hello, this is not a capture\n");
        assertOneLine(Cli.run("file", text.toString()), ExitCodes.INPUT,
                "drcheck: cannot read " + text + ": text file, not tcpdump output: 1 line, none a packet line");
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.pcap"));
        assertOneLine(Cli.run("file", empty.toString()), ExitCodes.INPUT,
                "drcheck: cannot read " + empty + ": empty file");
    }

    @Test
    void corruptPcapngHeaderIsNamed() throws IOException {
        byte[] header = new byte[32];
        ByteBuffer.wrap(header).putInt(0x0a0d0d0a);
        Path pcapng = Files.write(dir.resolve("x.pcapng"), header);
        Cli.Result result = Cli.run("file", pcapng.toString());
        assertOneLine(result, ExitCodes.INPUT, "drcheck: cannot read " + pcapng
                + ": unreadable pcapng Section Header block: bad byte-order magic");
    }

    @Test
    void unsupportedLinkType() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(160); // LINKTYPE_USER13: a private link type, which drcheck does not decode
        Path user13 = Files.write(dir.resolve("user13.pcap"), header.array());
        assertOneLine(Cli.run("file", user13.toString()), ExitCodes.INPUT,
                "drcheck: cannot read " + user13 + ": unsupported link type: 160");
    }

    @Test
    void readFailureDuringAnalysisIsAnInputError() throws IOException {
        Path file = Files.writeString(dir.resolve("x.pcap"), "x");
        Environment failing = new Environment(Map.of(), false, (f, o) -> {
            throw new IOException("Input/output error");
        });
        assertOneLine(Cli.run(failing, "file", file.toString()), ExitCodes.INPUT,
                "drcheck: cannot read " + file + ": I/O error: Input/output error");
    }

    @Test
    void fileNameIsSanitised() {
        Path evil = dir.resolve("evil\u001b[2J.pcap");
        Cli.Result result = Cli.run("file", evil.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.err()).doesNotContain("\u001b").contains("evil?[2J.pcap: no such file");
    }

    @Test
    void unexpectedExceptionIsOneLineInternalError() throws IOException {
        Path file = Files.writeString(dir.resolve("x.pcap"), "x");
        Environment broken = new Environment(Map.of(), false, (f, o) -> {
            throw new IllegalStateException("boom\nsecond line");
        });
        Cli.Result result = Cli.run(broken, "file", file.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(result.errLines()).containsExactly("drcheck: internal error: java.lang.IllegalStateException: boom");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anErrorIsOneLineInternalErrorToo() throws IOException {
        Path file = Files.writeString(dir.resolve("x.pcap"), "x");
        Environment broken = new Environment(Map.of(), false, (f, o) -> {
            throw new NoClassDefFoundError("dev/drcheck/core/Missing");
        });
        Cli.Result result = Cli.run(broken, "file", file.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(result.errLines())
                .containsExactly("drcheck: internal error: java.lang.NoClassDefFoundError: dev/drcheck/core/Missing");
    }

    @Test
    void debugShowsTheStackTrace() throws IOException {
        Path file = Files.writeString(dir.resolve("x.pcap"), "x");
        Environment broken = new Environment(Map.of("DRCHECK_DEBUG", "1"), false, (f, o) -> {
            throw new IllegalStateException("boom");
        });
        Cli.Result result = Cli.run(broken, "file", file.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(result.errLines()[0]).isEqualTo("drcheck: internal error: java.lang.IllegalStateException: boom");
        assertThat(result.err()).contains("\tat ");
    }

    @Test
    void binaryGarbageIsNotAPcap() throws IOException {
        Path file = Files.write(dir.resolve("bin.pcap"),
                "\u00ff\u00fe\u0000\u0001".getBytes(StandardCharsets.ISO_8859_1));
        assertOneLine(Cli.run("file", file.toString()), ExitCodes.INPUT,
                "drcheck: cannot read " + file
                        + ": not a capture: starts with 0xff fe 00 01 (expected: pcap, pcapng or gzip)");
    }
}
