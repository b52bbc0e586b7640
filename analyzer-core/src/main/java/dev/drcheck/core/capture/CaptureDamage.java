package dev.drcheck.core.capture;

/**
 * Where and why reading a capture stopped early.
 *
 * @param afterFrame the number of the last frame read intact (0 when none was)
 * @param byteOffset the file offset where the damage starts
 * @param description what was found, shaped as "what: actual (expected: X)"
 */
public record CaptureDamage(long afterFrame, long byteOffset, String description) {
}
