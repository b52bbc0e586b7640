package dev.drcheck.core.capture;

/**
 * One frame as a {@link FrameSource} hands it over: a reusable cursor into the source's buffer.
 *
 * <p>A source fills the same instance for every frame, so nothing is allocated per frame. The bytes are valid
 * only until the next call to {@link FrameSource#next(CapturedFrame)}; copy what must outlive it.
 */
public final class CapturedFrame {
    /** 1-based frame number within its capture, as Wireshark numbers frames. */
    public long frameNumber;
    /** Capture time in nanoseconds since the Unix epoch. */
    public long timestampNanos;
    /** The frame's link type, a LINKTYPE_* value from {@link LinkType}. */
    public int linkType;
    /** Buffer holding the captured bytes, from {@link #offset} for {@link #capturedLength} bytes. */
    public byte[] data;
    /** Offset of the first captured byte in {@link #data}. */
    public int offset;
    /** Number of bytes captured (at most the snap length). */
    public int capturedLength;
    /** Length of the frame on the wire; larger than {@link #capturedLength} when the snap length cut it. */
    public int originalLength;
    /** Name of the interface the frame was captured on, when the capture records one; otherwise null. */
    public String interfaceName;

    /** Points this cursor at a frame. */
    public void set(long frameNumber, long timestampNanos, int linkType, byte[] data, int offset,
                    int capturedLength, int originalLength) {
        this.frameNumber = frameNumber;
        this.timestampNanos = timestampNanos;
        this.linkType = linkType;
        this.data = data;
        this.offset = offset;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
        this.interfaceName = null;
    }
}
