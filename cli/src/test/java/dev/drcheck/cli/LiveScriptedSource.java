package dev.drcheck.cli;

import dev.drcheck.core.capture.CaptureSink;
import dev.drcheck.core.capture.CapturedFrame;
import dev.drcheck.core.capture.LiveCaptureException;
import dev.drcheck.core.capture.LiveFrameSource;
import dev.drcheck.core.capture.LiveInterface;
import dev.drcheck.core.capture.LiveStats;
import dev.drcheck.core.capture.PcapReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A live source for tests: replays a capture file in its own time on a fake clock. Each {@link #poll} advances
 * the clock by 100 ms and hands over the frames captured within that time; after the last frame it only
 * advances the clock, like an idle interface. It can fail after some frames, as an interface going down does.
 */
final class LiveScriptedSource implements LiveFrameSource {
    static final long POLL_NANOS = 100_000_000L;

    /** The fake clock, advanced by the polls. */
    final LiveClock clock = this::now;
    private final List<CapturedFrame> frames = new ArrayList<>();
    private final int linkType;
    private long now = 1_000_000_000L;
    private final long start = now;
    private int next;
    private long failAfter = -1;
    private Runnable atFrame;
    private long atFrameNumber = -1;
    int stops;
    private boolean stopped;
    boolean closed;

    LiveScriptedSource(Path capture) {
        try (PcapReader reader = PcapReader.open(capture)) {
            CapturedFrame frame = new CapturedFrame();
            while (reader.next(frame)) {
                CapturedFrame copy = new CapturedFrame();
                copy.set(frame.frameNumber, frame.timestampNanos, frame.linkType,
                        Arrays.copyOfRange(frame.data, frame.offset, frame.offset + frame.capturedLength), 0,
                        frame.capturedLength, frame.originalLength);
                frames.add(copy);
            }
            linkType = reader.linkType();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throws "the interface disappeared" once {@code n} frames were handed over. */
    LiveScriptedSource failAfter(long n) {
        failAfter = n;
        return this;
    }

    /** Runs {@code action} (e.g. a Ctrl-C) right after frame {@code n} was handed over. */
    LiveScriptedSource at(long n, Runnable action) {
        atFrameNumber = n;
        atFrame = action;
        return this;
    }

    int frameCount() {
        return frames.size();
    }

    private long now() {
        return now;
    }

    @Override
    public int poll(CaptureSink sink) throws IOException {
        now += POLL_NANOS;
        if (stopped) {
            return 0;
        }
        int handed = 0;
        long first = frames.isEmpty() ? 0 : frames.get(0).timestampNanos;
        while (next < frames.size() && frames.get(next).timestampNanos - first <= now - start) {
            if (next == failAfter) {
                throw new LiveCaptureException(LiveCaptureException.Kind.INTERFACE_DOWN,
                        "The interface disappeared");
            }
            sink.onFrame(frames.get(next++));
            handed++;
            if (next == atFrameNumber) {
                atFrame.run();
            }
        }
        return handed;
    }

    @Override
    public void stop() {
        stops++;
        stopped = true;
    }

    @Override
    public LiveStats stats() {
        return new LiveStats(next, 0, 0);
    }

    @Override
    public int linkType() {
        return linkType;
    }

    @Override
    public int snaplen() {
        return 65_535;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public void close() {
        closed = true;
    }

    /** A {@link LiveCaptures} that opens this source, remembering the filter it was asked for. */
    LiveCaptures captures(List<String> filters) {
        LiveScriptedSource self = this;
        return new LiveCaptures() {
            @Override
            public LiveFrameSource open(String iface, int snaplen, int bufferBytes, String filter) {
                filters.add(String.valueOf(filter));
                return self;
            }

            @Override
            public List<LiveInterface> interfaces() {
                return List.of(new LiveInterface("br0", "", List.of("192.0.2.1/24"), true, false));
            }
        };
    }
}
