/**
 * Report stage: the immutable analysis result (topology, findings, per-real-server table, statistics) and its
 * machine-readable JSON form. Rendering for people lives in the cli module.
 */
package dev.drcheck.core.report;
