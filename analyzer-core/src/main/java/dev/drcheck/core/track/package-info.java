/**
 * Track stage: keeps what the decoded frames show over time (the ARP table, TCP flows, the same packet before
 * and after a forwarding hop, ICMP errors and whether they were passed on) and sums it into bounded ledgers
 * keyed by hosts and services. Tracking judges nothing: the checks decide what is wrong.
 */
package dev.drcheck.core.track;
