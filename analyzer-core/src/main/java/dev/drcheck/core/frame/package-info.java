/**
 * Frame references, below every stage that names frames: {@code FrameRef} packs a frame number and the capture it
 * comes from into one long, {@code EvidenceLog} counts the occurrences of one cause and keeps its earliest frames,
 * and {@code Evidence} is one such frame as a finding lists it. The capture, track, topology and check stages and
 * the findings use them without importing each other.
 */
package dev.drcheck.core.frame;
