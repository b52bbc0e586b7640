package dev.drcheck.cli;

/**
 * What {@code drcheck live} takes from outside the command line: the capture, the clock and the signals.
 *
 * @param captures where frames come from
 * @param clock time for deadlines and the status line
 * @param signals how Ctrl-C reaches the capture
 */
record LiveSetup(LiveCaptures captures, LiveClock clock, LiveSignals signals) {
    /** libpcap, the system clock, SIGINT/SIGTERM. */
    static final LiveSetup SYSTEM = new LiveSetup(LiveCaptures.PCAP, LiveClock.SYSTEM, LiveSignals.SYSTEM);
}
