/**
 * Decode stage: turns raw frame bytes into header fields (Ethernet with VLAN tags, ARP, IPv4, TCP, UDP, ICMP, VRRP).
 * It only decodes; malformed wire data becomes a counted, named {@link dev.drcheck.core.decode.DecodeAnomaly},
 * never an exception, and deciding what is wrong is left to the checks.
 */
package dev.drcheck.core.decode;
