/**
 * Capture stage: turns a capture file or a live interface into a stream of raw frames
 * ({@link dev.drcheck.core.capture.FrameSource}), reading bytes only, never interpreting them.
 */
package dev.drcheck.core.capture;
