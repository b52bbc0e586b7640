/**
 * Topology: the direct-routing cluster the checks compare the capture against (VIPs, directors, real servers),
 * inferred from what the trackers observed or given by the user, each element with how it was found.
 */
package dev.drcheck.core.topology;
