/**
 * Findings stage: the immutable result of a check (id, severity, culprit host, message, evidence frames, count,
 * fix). The frames it cites and the counters checks collect them with are in {@code dev.drcheck.core.frame}.
 */
package dev.drcheck.core.finding;
