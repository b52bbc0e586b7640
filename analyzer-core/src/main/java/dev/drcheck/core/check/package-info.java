/**
 * Checks stage: one class per check, each comparing what the trackers observed with the DR topology and
 * producing one finding per cause; {@link dev.drcheck.core.check.Checks} is the explicit registry.
 */
package dev.drcheck.core.check;
