package dev.drcheck.core.check;

import dev.drcheck.core.finding.Severity;

/**
 * A check's metadata: its stable id, default severity, the DR invariant it guards and a one-line summary.
 *
 * @param id stable id, also the name of its doc page {@code docs/checks/<id>.md}
 * @param severity severity of its findings
 * @param invariant which DR invariant it guards (1 forwarded leg, 2 reply path, 3 ARP, 4 handshakes)
 * @param summary one line saying what it detects
 */
public record CheckInfo(String id, Severity severity, int invariant, String summary) {
}
