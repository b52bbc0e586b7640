package dev.drcheck.core.capture;

import dev.drcheck.core.frame.FrameRef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Captures of one incident taken at several points (director, real servers), merged in timestamp order and read
 * as one stream.
 *
 * <p>Each frame keeps its own capture's frame number; its {@link CapturedFrame#frameNumber} is a
 * {@link FrameRef} naming the capture too, so evidence can say "frame 12 of rs1.pcap".
 *
 * <p>A frame seen at two points is passed on twice; the analysis recognises the second sighting
 * ({@link dev.drcheck.core.track.SightingFilter}).
 */
public final class MergedSource implements FrameSource {
    private final List<FrameSource> sources;
    private final CapturedFrame[] heads;
    private final boolean[] hasHead;
    private int advancePending = -1;

    /**
     * @param sources the captures, in the order their names are reported; this source closes them
     * @throws IOException when reading the first frame of one fails
     */
    public MergedSource(List<FrameSource> sources) throws IOException {
        if (sources.size() > Short.MAX_VALUE) {
            throw new IllegalArgumentException("captures: " + sources.size() + " (expected: at most 32767)");
        }
        this.sources = List.copyOf(sources);
        this.heads = new CapturedFrame[sources.size()];
        this.hasHead = new boolean[sources.size()];
        for (int i = 0; i < heads.length; i++) {
            heads[i] = new CapturedFrame();
            hasHead[i] = this.sources.get(i).next(heads[i]);
        }
    }

    @Override
    public boolean next(CapturedFrame frame) throws IOException {
        if (advancePending >= 0) {
            hasHead[advancePending] = sources.get(advancePending).next(heads[advancePending]);
            advancePending = -1;
        }
        int earliest = -1;
        for (int i = 0; i < heads.length; i++) {
            if (hasHead[i] && (earliest < 0 || heads[i].timestampNanos < heads[earliest].timestampNanos)) {
                earliest = i;
            }
        }
        if (earliest < 0) {
            return false;
        }
        advancePending = earliest;
        CapturedFrame head = heads[earliest];
        frame.set(FrameRef.of(earliest, head.frameNumber), head.timestampNanos, head.linkType, head.data,
                head.offset, head.capturedLength, head.originalLength);
        frame.interfaceName = head.interfaceName;
        return true;
    }

    @Override
    public Optional<CaptureDamage> damage() {
        for (FrameSource source : sources) {
            Optional<CaptureDamage> damage = source.damage();
            if (damage.isPresent()) {
                CaptureDamage d = damage.get();
                return Optional.of(new CaptureDamage(d.afterFrame(), d.byteOffset(),
                        source.name() + ": " + d.description()));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (FrameSource source : sources) {
            for (String note : source.notes()) {
                notes.add(source.name() + ": " + note);
            }
        }
        return notes;
    }

    @Override
    public List<CaptureLoss> losses() {
        List<CaptureLoss> losses = new ArrayList<>();
        for (FrameSource source : sources) {
            losses.addAll(source.losses());
        }
        return losses;
    }

    @Override
    public List<SkippedRange> skippedRanges() {
        List<SkippedRange> ranges = new ArrayList<>();
        for (FrameSource source : sources) {
            for (SkippedRange r : source.skippedRanges()) {
                ranges.add(new SkippedRange(r.afterFrame(), r.fromOffset(), r.toOffset(), r.framesLost(),
                        source.name() + ": " + r.description()));
            }
        }
        return ranges;
    }

    @Override
    public String name() {
        return String.join(" + ", captureNames());
    }

    @Override
    public List<String> captureNames() {
        List<String> names = new ArrayList<>();
        for (FrameSource source : sources) {
            names.add(source.name());
        }
        return names;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (FrameSource source : sources) {
            try {
                source.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
