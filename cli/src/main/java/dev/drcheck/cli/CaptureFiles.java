package dev.drcheck.cli;

import dev.drcheck.core.capture.CaptureFormatException;
import dev.drcheck.core.capture.CaptureOpener;
import dev.drcheck.core.capture.FrameSource;
import dev.drcheck.core.capture.MergedSource;
import dev.drcheck.core.engine.Analyzer;
import dev.drcheck.core.report.Report;
import dev.drcheck.core.topology.TopologyOverrides;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The real {@link CaptureAnalysis}: opens each named capture (a file, or {@code -} for standard input; pcap,
 * pcapng, gzip or tcpdump text, told apart by content), merges
 * several by time, and runs the analyzer. Every failure to open names the capture and says why in one line.
 */
final class CaptureFiles implements CaptureAnalysis {
    /** The name that means standard input. */
    static final String STDIN = "-";

    private final InputStream stdin;

    /** @param stdin what {@code -} reads */
    CaptureFiles(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Report analyze(List<String> captures, TopologyOverrides overrides) throws IOException {
        return analyze(captures, overrides, files -> Analyzer.Progress.NONE);
    }

    @Override
    public Report analyze(List<String> captures, TopologyOverrides overrides,
                          Function<List<FileChannel>, Analyzer.Progress> progress) throws IOException {
        if (captures.stream().filter(STDIN::equals).count() > 1) {
            throw new UnreadableInputException(STDIN, "standard input can be read only once");
        }
        List<FrameSource> sources = new ArrayList<>();
        List<FileChannel> files = new ArrayList<>();
        try {
            for (String capture : captures) {
                sources.add(open(capture, files));
            }
            try (FrameSource source = sources.size() == 1 ? sources.get(0) : new MergedSource(sources)) {
                return new Analyzer(overrides).analyze(source, progress.apply(files));
            }
        } catch (IOException e) {
            for (FrameSource source : sources) {
                source.close();
            }
            throw e;
        }
    }

    private FrameSource open(String capture, List<FileChannel> files) throws IOException {
        try {
            if (STDIN.equals(capture)) {
                return CaptureOpener.open(stdin, "stdin");
            }
            return CaptureOpener.open(Path.of(capture), files::add);
        } catch (InvalidPathException e) {
            throw new UnreadableInputException(capture, "invalid file name");
        } catch (NoSuchFileException e) {
            throw new UnreadableInputException(capture, "no such file");
        } catch (AccessDeniedException e) {
            throw new UnreadableInputException(capture, "permission denied");
        } catch (CaptureFormatException e) {
            throw new UnreadableInputException(capture, e.getMessage());
        } catch (FileSystemException e) {
            throw new UnreadableInputException(capture,
                    e.getReason() != null ? lowerFirst(e.getReason()) : "I/O error: " + e.getMessage());
        } catch (UnreadableInputException e) {
            throw e;
        } catch (IOException e) {
            throw new UnreadableInputException(capture, "I/O error: " + e.getMessage());
        }
    }

    private static String lowerFirst(String text) {
        if (text.isEmpty() || text.length() > 1 && Character.isUpperCase(text.charAt(1))) {
            return text;
        }
        return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }
}
