package dev.drcheck.core.capture;

import static dev.drcheck.core.capture.PcapngReader.BLOCK_ENHANCED_PACKET;
import static dev.drcheck.core.capture.PcapngReader.BLOCK_INTERFACE_DESCRIPTION;
import static dev.drcheck.core.capture.PcapngReader.BLOCK_INTERFACE_STATISTICS;
import static dev.drcheck.core.capture.PcapngReader.BLOCK_PACKET;
import static dev.drcheck.core.capture.PcapngReader.BLOCK_SECTION_HEADER;
import static dev.drcheck.core.capture.PcapngReader.BLOCK_SIMPLE_PACKET;

/** What {@link PcapngReader} knows about pcapng block types: which it reads, their minimum lengths, their names. */
final class PcapngBlocks {
    static final int MIN_BLOCK_LENGTH = 12;
    static final int MIN_SECTION_HEADER_LENGTH = 28;
    static final int MIN_INTERFACE_DESCRIPTION_LENGTH = 20;
    static final int MIN_ENHANCED_PACKET_LENGTH = 32;
    static final int MIN_SIMPLE_PACKET_LENGTH = 16;
    static final int MIN_PACKET_LENGTH = 32;
    static final int MIN_INTERFACE_STATISTICS_LENGTH = 24;

    private PcapngBlocks() {
    }

    /** True for the block types drcheck reads into the buffer and interprets. */
    static boolean interprets(int type) {
        return type == BLOCK_SECTION_HEADER || type == BLOCK_INTERFACE_DESCRIPTION || type == BLOCK_ENHANCED_PACKET
                || type == BLOCK_SIMPLE_PACKET || type == BLOCK_PACKET || type == BLOCK_INTERFACE_STATISTICS;
    }

    /**
     * Block types a pcapng specification defines that drcheck skips: Name Resolution, IRIG Timestamp, ARINC 429,
     * systemd Journal Export, Decryption Secrets, Custom (both).
     */
    static boolean registered(int type) {
        return type == 4 || type == 7 || type == 8 || type == 9 || type == 0x0a || type == 0x0bad
                || type == 0x40000bad;
    }

    static int minimumLength(int type) {
        return switch (type) {
            case BLOCK_SECTION_HEADER -> MIN_SECTION_HEADER_LENGTH;
            case BLOCK_INTERFACE_DESCRIPTION -> MIN_INTERFACE_DESCRIPTION_LENGTH;
            case BLOCK_ENHANCED_PACKET -> MIN_ENHANCED_PACKET_LENGTH;
            case BLOCK_SIMPLE_PACKET -> MIN_SIMPLE_PACKET_LENGTH;
            case BLOCK_PACKET -> MIN_PACKET_LENGTH;
            case BLOCK_INTERFACE_STATISTICS -> MIN_INTERFACE_STATISTICS_LENGTH;
            default -> MIN_BLOCK_LENGTH;
        };
    }

    /** The block's name in messages; a packet block is named with the frame it holds. */
    static String name(int type, long frameNumber) {
        return switch (type) {
            case BLOCK_SECTION_HEADER -> "Section Header block";
            case BLOCK_INTERFACE_DESCRIPTION -> "Interface Description block";
            case BLOCK_ENHANCED_PACKET -> "Enhanced Packet block of frame " + frameNumber;
            case BLOCK_SIMPLE_PACKET -> "Simple Packet block of frame " + frameNumber;
            case BLOCK_PACKET -> "Packet block of frame " + frameNumber;
            case BLOCK_INTERFACE_STATISTICS -> "Interface Statistics block";
            default -> "block of type " + BufferedChannelReader.hex(type);
        };
    }
}
