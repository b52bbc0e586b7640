/**
 * Findings stage: the immutable result of a check (id, severity, culprit host, message, evidence frames, count,
 * fix) and the small counters checks use to collect one finding per cause.
 */
package dev.drcheck.core.finding;
