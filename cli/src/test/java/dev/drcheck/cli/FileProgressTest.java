package dev.drcheck.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FileProgressTest {

    @TempDir
    Path dir;

    @Test
    void showsShareReadAndRateAtMostFourTimesASecondThenClears() throws IOException {
        Path file = Files.write(dir.resolve("big.pcap"), new byte[4 * 1024 * 1024]);
        long[] now = {0};
        StringWriter err = new StringWriter();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileProgress progress = new FileProgress(new PrintWriter(err), List.of(channel), () -> now[0]);
            channel.read(ByteBuffer.allocate(1024 * 1024));

            now[0] = 100_000_000L;
            progress.update(100_000);
            assertThat(err.toString()).as("too soon after the start").isEmpty();

            now[0] = 500_000_000L;
            progress.update(1_000_000);
            assertThat(err.toString()).isEqualTo("\rdrcheck:  25% (1 of 4 MB), 2.00 M frames/s");

            progress.clear();
            assertThat(err.toString()).endsWith("\r" + " ".repeat(42) + "\r");
        }
    }

    @Test
    void autoStaysQuietWhenNotOnATerminal() {
        Cli.Result result = Cli.run("file", Cli.repoRoot().resolve("sample-pcaps/healthy.pcap").toString());

        assertThat(result.err()).isEmpty();
    }
}
