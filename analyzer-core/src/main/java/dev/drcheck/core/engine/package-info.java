/**
 * Engine: runs the pipeline capture, decode, track, infer topology, check, report. The CLI's file and live
 * commands both call {@link dev.drcheck.core.engine.Analyzer}.
 */
package dev.drcheck.core.engine;
