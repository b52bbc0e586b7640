package dev.drcheck.core.topology;

import java.util.List;

/**
 * How a topology element was found: given on the command line, or inferred from frames.
 *
 * @param given true when the user gave it
 * @param how one phrase, e.g. "given by --vip" or "client SYNs re-emitted by the director"
 * @param frames the first frames that show it, as {@link dev.drcheck.core.frame.FrameRef}s (empty when given)
 */
public record Provenance(boolean given, String how, List<Long> frames) {

    /** Copies the frame list. */
    public Provenance {
        frames = List.copyOf(frames);
    }

    /** An element the user gave with {@code flag}. */
    public static Provenance given(String flag) {
        return new Provenance(true, "given by " + flag, List.of());
    }

    /** An element inferred from {@code frames}. */
    public static Provenance inferred(String how, List<Long> frames) {
        return new Provenance(false, how, frames);
    }
}
