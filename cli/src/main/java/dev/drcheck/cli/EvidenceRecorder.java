package dev.drcheck.cli;

import dev.drcheck.core.capture.CapturedFrame;
import dev.drcheck.core.capture.PcapWriter;
import dev.drcheck.core.capture.RecentFrames;
import dev.drcheck.core.finding.Finding;
import dev.drcheck.core.frame.Evidence;
import dev.drcheck.core.net.Mac;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code drcheck live --evidence-dir DIR}: a flight recorder. It keeps the most recent frames in memory
 * ({@link RecentFrames}: {@value #MAX_FRAMES} frames, {@value #MAX_BYTES} bytes at most) and, when a finding is
 * raised, writes a classic pcap of the frames from {@value #FRAMES_BEFORE} frames before its first evidence frame up
 * to the latest, so that {@code drcheck file} on that file shows the finding again. One file per episode, at most
 * {@value #MAX_FILES} files per run; the name carries the time, the check id and the culprit's MAC.
 */
final class EvidenceRecorder {
    /** Frames kept in memory. */
    static final int MAX_FRAMES = 16_384;
    /** Bytes of frames kept in memory. */
    static final int MAX_BYTES = 16 * 1024 * 1024;
    /** Frames saved before the first evidence frame: the traffic that shows the topology. */
    static final int FRAMES_BEFORE = 1_000;
    /** Files written at most in one run. */
    static final int MAX_FILES = 100;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path directory;
    private final int linkType;
    private final int snaplen;
    private final RecentFrames recent = new RecentFrames(MAX_FRAMES, MAX_BYTES);
    private int files;

    /**
     * @param directory where the files go; created when missing
     * @param linkType the capture's link type
     * @param snaplen the capture's snap length
     */
    EvidenceRecorder(Path directory, int linkType, int snaplen) {
        this.directory = directory;
        this.linkType = linkType;
        this.snaplen = snaplen;
    }

    /** Keeps a copy of a captured frame. */
    void add(CapturedFrame frame) {
        recent.add(frame);
    }

    /**
     * Saves the frames around {@code finding}'s evidence.
     *
     * @param nowMillis the wall-clock time, for the file name
     * @return the file written, or null when the run's file limit is reached or no frame is kept
     * @throws IOException when the file cannot be written
     */
    Path save(Finding finding, long nowMillis) throws IOException {
        if (files >= MAX_FILES || recent.size() == 0) {
            return null;
        }
        long first = finding.evidence().stream().mapToLong(Evidence::frame).min().orElse(recent.oldestFrameNumber());
        Files.createDirectories(directory);
        Path file = directory.resolve(STAMP.format(Instant.ofEpochMilli(nowMillis)) + "-" + finding.checkId() + "-"
                + Mac.format(finding.culprit().mac()).replace(':', '-') + ".pcap");
        try (PcapWriter writer = PcapWriter.create(file, linkType, snaplen)) {
            recent.forEachFrom(first - FRAMES_BEFORE, writer::write);
        }
        files++;
        return file;
    }
}
