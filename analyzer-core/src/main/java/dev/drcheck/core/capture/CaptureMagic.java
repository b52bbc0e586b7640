package dev.drcheck.core.capture;

/**
 * The magic numbers that identify the capture formats drcheck reads, in one place for the format detection, the
 * readers and the writer. Each is the file's first four bytes read big-endian (the gzip magic: its first two).
 */
final class CaptureMagic {
    /** Classic pcap, microsecond timestamps, written big-endian (or read in the file's own byte order). */
    static final int PCAP_MICROSECONDS = 0xa1b2c3d4;
    /** Classic pcap, microsecond timestamps, written in the other byte order. */
    static final int PCAP_MICROSECONDS_SWAPPED = 0xd4c3b2a1;
    /** Classic pcap, nanosecond timestamps. */
    static final int PCAP_NANOSECONDS = 0xa1b23c4d;
    /** Classic pcap, nanosecond timestamps, written in the other byte order. */
    static final int PCAP_NANOSECONDS_SWAPPED = 0x4d3cb2a1;
    /** The block type of a pcapng Section Header block, which starts every pcapng file; the same in both orders. */
    static final int PCAPNG_SECTION_HEADER = 0x0a0d0d0a;
    /** The byte-order magic inside a pcapng Section Header block, as read in the section's own byte order. */
    static final int PCAPNG_BYTE_ORDER = 0x1a2b3c4d;
    /** The first two bytes of a gzip member. */
    static final int GZIP = 0x1f8b;

    private CaptureMagic() {
    }

    /** True for the four magic numbers of classic pcap (either timestamp unit, either byte order). */
    static boolean isPcap(int magic) {
        return magic == PCAP_MICROSECONDS || magic == PCAP_MICROSECONDS_SWAPPED || magic == PCAP_NANOSECONDS
                || magic == PCAP_NANOSECONDS_SWAPPED;
    }
}
